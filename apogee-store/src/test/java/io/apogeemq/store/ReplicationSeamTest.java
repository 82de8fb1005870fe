package io.apogeemq.store;

import static io.apogeemq.store.Messages.decode;
import static io.apogeemq.store.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.store.file.SegmentSlice;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ReplicationSeamTest {

  @TempDir Path master;
  @TempDir Path slave;

  @Test
  void aSlaveFedRawChunksOfTheMastersLogServesTheSameQueues() throws Exception {
    try (LocalMessageStore m = LocalMessageStore.open(Messages.smallConfig(master).build());
        LocalMessageStore s = LocalMessageStore.open(Messages.smallConfig(slave).build())) {
      for (int i = 0; i < 60; i++) {
        m.append(message("T", i % 2, ("payload-" + i).repeat(40).getBytes(), "tag", "k" + i,
            null)).get();
      }
      long offset = 0;
      while (offset < m.commitLogMaxOffset()) {
        try (SegmentSlice chunk = m.readCommitLog(offset, 1000)) {
          ByteBuffer copy = ByteBuffer.allocate(chunk.buffer().remaining());
          copy.put(chunk.buffer().duplicate()).flip();
          assertThat(s.appendReplicated(offset, copy)).isNull();
          offset += copy.limit();
        }
      }
      assertThat(s.appendReplicated(offset + 5, ByteBuffer.allocate(3)))
          .contains("ends at " + offset);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> s.dispatchedOffset() >= s.commitLogMaxOffset());
      assertThat(s.maxOffset("T", 0)).isEqualTo(30);
      assertThat(s.maxOffset("T", 1)).isEqualTo(30);
      try (GetResult r = s.getMessages("T", 1, 29, 1, 1 << 20, TagFilter.ALL)) {
        assertThat(new String(decode(r.messages().get(0)).body())).startsWith("payload-59");
      }
      assertThat(s.queryByKey("T", "k17", 4, 0, Long.MAX_VALUE).physicalOffsets()).hasSize(1);
    }
  }
}
