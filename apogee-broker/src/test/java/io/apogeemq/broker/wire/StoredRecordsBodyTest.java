package io.apogeemq.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.StoreFixture;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.file.MappedSegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class StoredRecordsBodyTest {

  @TempDir Path dir;

  @Test
  void theBodyIsTheStoredBytesAndReleasingItReleasesTheSegments() throws Exception {
    try (StoreFixture store = new StoreFixture(dir)) {
      store.append("T", 0, "A", "one");
      store.append("T", 0, "B", "two");
      GetResult r = store.store().getMessages("T", 0, 0, 32, Integer.MAX_VALUE, TagFilter.ALL);
      assertThat(r.status()).isEqualTo(GetStatus.FOUND);
      MappedSegment segment = r.messages().get(0).segment();
      int idle = segment.referenceCount() - r.messages().size();

      StoredRecordsBody body = StoredRecordsBody.of(r.messages());
      assertThat(body.readableBytes()).isEqualTo(r.totalBytes());
      assertThat(body.nioBufferCount()).as("back-to-back records: one view, nothing copied")
          .isEqualTo(1);
      assertThat(MessageRecordCodec.decodeAll(body.nioBuffer(), true))
          .extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
          .containsExactly("one", "two");
      assertThat(segment.referenceCount()).isEqualTo(idle + 2);

      assertThat(body.release()).isTrue();
      assertThat(segment.referenceCount()).isEqualTo(idle);
    }
  }

  @Test
  void recordsWithOtherRecordsBetweenThemAreSeparateViewsInQueueOrder() throws Exception {
    try (StoreFixture store = new StoreFixture(dir)) {
      store.append("T", 0, "A", "one");
      store.append("T", 0, "A", "two");
      store.append("T", 1, "A", "other queue");
      store.append("T", 0, "A", "three");
      store.append("T", 0, "A", "four");
      store.append("T", 1, "A", "other again");
      store.append("T", 0, "A", "five");
      GetResult r = store.store().getMessages("T", 0, 0, 32, Integer.MAX_VALUE, TagFilter.ALL);
      MappedSegment segment = r.messages().get(0).segment();
      int idle = segment.referenceCount() - r.messages().size();

      StoredRecordsBody body = StoredRecordsBody.of(r.messages());

      assertThat(body.readableBytes()).isEqualTo(r.totalBytes());
      assertThat(body.nioBufferCount()).isEqualTo(3);
      assertThat(MessageRecordCodec.decodeAll(body.nioBuffer(), true))
          .extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
          .containsExactly("one", "two", "three", "four", "five");
      assertThat(body.release()).isTrue();
      assertThat(segment.referenceCount()).as("every record's reference released").isEqualTo(idle);
    }
  }
}
