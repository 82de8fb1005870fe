package io.apogeemq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.SysFlag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PulledMessagesTest {

  private static final MessageHost HOST = MessageHost.of(new byte[] {127, 0, 0, 1}, 10911);
  private static final MessageQueue QUEUE = new MessageQueue("t", "broker-a", 0);

  private static MessageRecord record(String topic, int sysFlag, long offset, byte[] body,
      String props) {
    return new MessageRecord(topic, 0, 0, offset, 1000 + offset, sysFlag, 1, HOST, 2, HOST, 0,
        0, 0, body, props);
  }

  private static byte[] concat(MessageRecord... records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (MessageRecord r : records) {
      ByteBuffer b = MessageRecordCodec.encode(r);
      out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
    }
    return out.toByteArray();
  }

  @Test
  void messagesWhoseTagIsNotSubscribedAreDropped() {
    byte[] body = concat(record("t", 0, 0, new byte[] {1}, "TAGS\u0001a\u0002"),
        record("t", 0, 1, new byte[] {2}, "TAGS\u0001b\u0002"));
    List<ReceivedMessage> got = PulledMessages.decode(body, QUEUE, Subscription.of("t", "b", 1));
    assertThat(got).extracting(ReceivedMessage::queueOffset).containsExactly(1L);
    assertThat(got.get(0).topic()).isSameAs(QUEUE.topic());
    assertThat(got.get(0).queue()).isSameAs(QUEUE);
  }

  @Test
  void aRedeliveryGetsItsOriginalTopicBack() {
    MessageQueue retry = new MessageQueue("%RETRY%g", "broker-a", 0);
    byte[] body = concat(record("%RETRY%g", 0, 0, new byte[] {1}, "RETRY_TOPIC\u0001orders\u0002"));
    ReceivedMessage m = PulledMessages.decode(body, retry, Subscription.of("%RETRY%g", "*", 1))
        .get(0);
    assertThat(m.topic()).isEqualTo("orders");
    assertThat(m.pulledTopic()).isEqualTo("%RETRY%g");
  }

  @Test
  void aZlibBodyIsInflated() {
    byte[] text = "hello hello hello hello".getBytes(StandardCharsets.UTF_8);
    Deflater d = new Deflater();
    d.setInput(text);
    d.finish();
    byte[] buf = new byte[100];
    byte[] compressed = Arrays.copyOf(buf, d.deflate(buf));
    d.end();
    byte[] body = concat(record("t", SysFlag.COMPRESSED, 0, compressed, ""));
    assertThat(PulledMessages.decode(body, QUEUE, Subscription.of("t", "*", 1)).get(0).body())
        .isEqualTo(text);
  }

  @Test
  void aTruncatedResponseNamesTheQueueAndPosition() {
    byte[] whole = concat(record("t", 0, 0, new byte[] {1}, ""),
        record("t", 0, 1, new byte[] {2, 3}, ""));
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);
    assertThatThrownBy(() -> PulledMessages.decode(cut, QUEUE, Subscription.of("t", "*", 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(QUEUE.toString())
        .hasMessageContaining("TOTALSIZE");
  }

  @Test
  void aRecordWithABadMagicIsRefused() {
    byte[] body = concat(record("t", 0, 0, new byte[] {1}, ""));
    body[4] = 0;
    assertThatThrownBy(() -> PulledMessages.decode(body, QUEUE, Subscription.of("t", "*", 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad magic");
  }

  @Test
  void aBodyLengthPastTheRecordIsRefused() {
    byte[] body = concat(record("t", 0, 0, new byte[] {1}, ""));
    int bodyLengthAt = 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 4 + 8;
    ByteBuffer.wrap(body).putInt(bodyLengthAt, 1_000);
    assertThatThrownBy(() -> PulledMessages.decode(body, QUEUE, Subscription.of("t", "*", 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("body length 1000");
  }
}
