package io.apogeemq.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class BatchBodyCodecTest {

  @Test
  void decodesTheOfficialBatchEncoding() throws Exception {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Message m = new Message("T", "Tag" + i, ("body-" + i).getBytes());
      m.setKeys("key" + i);
      m.setFlag(i);
      messages.add(m);
    }
    ByteBuffer body = ByteBuffer.wrap(MessageDecoder.encodeMessages(messages));
    List<BatchEntry> entries = BatchBodyCodec.decode(body);
    assertThat(entries).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(entries.get(i).body()).isEqualTo(("body-" + i).getBytes());
      assertThat(entries.get(i).flag()).isEqualTo(i);
      assertThat(MessageProperties.decode(entries.get(i).properties()))
          .isEqualTo(messages.get(i).getProperties());
    }
    ByteBuffer ours = BatchBodyCodec.encode(entries);
    List<Message> back = MessageDecoder.decodeMessages(ours);
    assertThat(back).hasSize(5);
    assertThat(back.get(3).getTags()).isEqualTo("Tag3");
  }

  @Test
  void reportsTheIndexOfABadEntryAndReturnsNothing() {
    ByteBuffer good = BatchBodyCodec.encode(List.of(new BatchEntry(0, new byte[3], "a\u0001b\u0002"),
        new BatchEntry(1, new byte[4], "")));
    byte[] bytes = new byte[good.remaining() - 2];
    good.get(bytes);
    ByteBuffer bad = ByteBuffer.wrap(bytes);
    assertThatThrownBy(() -> BatchBodyCodec.decode(bad))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("entry #1");
  }
}
