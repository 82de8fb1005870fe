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

/** The replica side of replication: cutting a diverged log back, and starting past offset 0. */
@Timeout(60)
class ReplicaTruncationTest {

  private static final int SEGMENT = 64 * 1024;

  @TempDir Path master;
  @TempDir Path replica;

  @Test
  void aReplicaLongerThanItsMasterCutsLogQueuesAndIndexBackToTheMastersEndAndReplicatesOn()
      throws Exception {
    try (LocalMessageStore m = LocalMessageStore.open(Messages.smallConfig(master).build());
        LocalMessageStore r = LocalMessageStore.open(Messages.smallConfig(replica).build())) {
      // Same-shaped first 40 records on both; then they diverge: the replica has 20 records the
      // master never got, the master 6 newer ones.
      for (int i = 0; i < 40; i++) {
        m.append(message("T", i % 2, ("common-" + (100 + i)).getBytes(), "tag", "c" + (100 + i),
            null)).get();
        r.append(message("T", i % 2, ("common-" + (100 + i)).getBytes(), "tag", "c" + (100 + i),
            null)).get();
      }
      long common = m.commitLogMaxOffset();
      assertThat(r.commitLogMaxOffset()).isEqualTo(common);
      for (int i = 0; i < 20; i++) {
        r.append(message("T", i % 2, ("lost-" + i).getBytes(), "tag", "lost" + i, null)).get();
      }
      for (int i = 0; i < 6; i++) {
        m.append(message("T", i % 2, ("newer-" + i).getBytes(), "tag", "newer" + i, null)).get();
      }
      awaitDispatched(r);
      assertThat(r.maxOffset("T", 0)).isEqualTo(30);

      assertThat(r.truncateReplica(common)).isNull();

      assertThat(r.commitLogMaxOffset()).isEqualTo(common);
      awaitDispatched(r);
      assertThat(r.maxOffset("T", 0)).isEqualTo(20);
      assertThat(r.maxOffset("T", 1)).isEqualTo(20);
      assertThat(r.queryByKey("T", "lost3", 4, 0, Long.MAX_VALUE).physicalOffsets()).isEmpty();
      assertThat(r.queryByKey("T", "c105", 4, 0, Long.MAX_VALUE).physicalOffsets()).hasSize(1);

      copy(m, r, common);
      awaitDispatched(r);
      assertThat(r.commitLogMaxOffset()).isEqualTo(m.commitLogMaxOffset());
      assertThat(r.maxOffset("T", 0)).isEqualTo(m.maxOffset("T", 0)).isEqualTo(23);
      assertThat(r.maxOffset("T", 1)).isEqualTo(23);
      try (GetResult g = r.getMessages("T", 1, 22, 1, 1 << 20, TagFilter.ALL)) {
        assertThat(new String(decode(g.messages().get(0)).body())).isEqualTo("newer-5");
      }
      assertThat(r.queryByKey("T", "newer4", 4, 0, Long.MAX_VALUE).physicalOffsets()).hasSize(1);
    }
  }

  @Test
  void aCutInsideARecordIsRefusedAndCutsNothing() throws Exception {
    try (LocalMessageStore r = LocalMessageStore.open(Messages.smallConfig(replica).build())) {
      for (int i = 0; i < 10; i++) {
        r.append(message("T", 0, "body-" + i)).get();
      }
      long max = r.commitLogMaxOffset();
      long recordSize = max / 10;

      assertThat(r.truncateReplica(recordSize * 4 + 7))
          .contains("falls inside the record of " + recordSize + " bytes at offset "
              + recordSize * 4);
      assertThat(r.truncateReplica(max + 100)).isNull();
      assertThat(r.commitLogMaxOffset()).isEqualTo(max);
      awaitDispatched(r);
      assertThat(r.maxOffset("T", 0)).isEqualTo(10);
    }
  }

  @Test
  void anEmptyReplicaStartsItsLogAtTheMastersOldestSegment() throws Exception {
    try (LocalMessageStore m = LocalMessageStore.open(Messages.smallConfig(master).build());
        LocalMessageStore r = LocalMessageStore.open(Messages.smallConfig(replica).build())) {
      int i = 0;
      while (m.commitLogMaxOffset() < 2L * SEGMENT + 5000) {
        m.append(message("T", 0, ("payload-" + i).repeat(50).getBytes(), "tag", "k" + i, null))
            .get();
        i++;
      }
      int total = i;
      assertThat(r.appendReplicated(SEGMENT + 1000, ByteBuffer.allocate(10)))
          .contains("ends at 0");

      copy(m, r, 2L * SEGMENT);

      assertThat(r.commitLogMinOffset()).isEqualTo(2L * SEGMENT);
      awaitDispatched(r);
      assertThat(r.maxOffset("T", 0)).isEqualTo(total);
      long first = r.minOffset("T", 0);
      assertThat(first).isGreaterThan(0).isLessThan(total);
      try (GetResult g = r.getMessages("T", 0, first, 1, 1 << 20, TagFilter.ALL)) {
        assertThat(g.status()).isEqualTo(GetStatus.FOUND);
        assertThat(new String(decode(g.messages().get(0)).body()))
            .startsWith("payload-" + first);
      }
    }
  }

  private static void copy(LocalMessageStore from, LocalMessageStore to, long offset) {
    while (offset < from.commitLogMaxOffset()) {
      try (SegmentSlice chunk = from.readCommitLog(offset, 1000)) {
        ByteBuffer bytes = ByteBuffer.allocate(chunk.buffer().remaining());
        bytes.put(chunk.buffer().duplicate()).flip();
        assertThat(to.appendReplicated(offset, bytes)).isNull();
        offset += bytes.limit();
      }
    }
  }

  private static void awaitDispatched(LocalMessageStore s) {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> s.dispatchedOffset() >= s.commitLogMaxOffset());
  }
}
