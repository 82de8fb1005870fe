package io.apogeemq.broker.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RecordTagsTest {

  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 1));

  private static ByteBuffer record(String topic, String properties) {
    return MessageRecordCodec.encode(new MessageRecord(topic, 0, 0, 0, 0, 0, 1, HOST, 2, HOST, 0,
        0, 0, "body".getBytes(StandardCharsets.UTF_8), properties));
  }

  @Test
  void findsTheTagOfV1AndV2RecordsWithoutMovingTheBuffer() {
    ByteBuffer v1 = record("TopicTest", "KEYS\u0001k\u0002TAGS\u0001TagA\u0002");
    int position = v1.position();
    assertThat(RecordTags.tagOf(v1)).isEqualTo("TagA");
    assertThat(v1.position()).isEqualTo(position);
    ByteBuffer v2 = record("%RETRY%" + "g".repeat(150), "TAGS\u0001B");
    assertThat(RecordTags.tagOf(v2)).isEqualTo("B");
  }

  @Test
  void recordsWithoutTagsOrTruncatedOnesHaveNoTag() {
    assertThat(RecordTags.tagOf(record("T", "KEYS\u0001k"))).isNull();
    assertThat(RecordTags.tagOf(record("T", ""))).isNull();
    ByteBuffer full = record("T", "TAGS\u0001A");
    ByteBuffer cut = full.duplicate().limit(full.limit() - 3);
    assertThat(RecordTags.tagOf(cut)).isNull();
    assertThat(RecordTags.tagOf(ByteBuffer.allocate(10))).isNull();
  }
}
