package io.apogeemq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.SysFlag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Timeout;

/**
 * The pull-body decoder reads every field the official 5.3.3 {@code MessageDecoder} reads, for
 * random records (IPv4/IPv6 hosts, long topics, properties, bodies), and builds the same offset
 * message id. jqwik prints the seed of a failing run for replay.
 */
@Timeout(60)
class PulledMessagesProperties {

  @Provide
  Arbitrary<List<MessageRecord>> responses() {
    return records().list().ofMinSize(1).ofMaxSize(6);
  }

  private Arbitrary<MessageRecord> records() {
    Arbitrary<MessageHost> hosts = Arbitraries.of(4, 16).flatMap(len ->
        Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(len),
            Arbitraries.integers().between(0, 65535)).as(MessageHost::of));
    Arbitrary<String> topics = Arbitraries.of("t", "orders", "x".repeat(200), "%RETRY%g");
    Arbitrary<String> props = Arbitraries.of("", "TAGS\u0001a\u0002KEYS\u0001k1 k2\u0002",
        "UNIQ_KEY\u0001AC11000100002A9F000000000000000A\u0002TAGS\u0001b\u0002",
        "WAIT\u0001true\u0002u\u0001v\u0002");
    Arbitrary<long[]> numbers = Arbitraries.longs().between(0, Long.MAX_VALUE / 2)
        .array(long[].class).ofSize(5);
    return Combinators.combine(hosts, hosts, topics, props, numbers,
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
        .as((born, store, topic, p, n, body) -> new MessageRecord(topic, (int) (n[0] % 8),
            (int) (n[1] % 1000), n[2], n[3], SysFlag.withHostBits(0, born, store), n[4], born,
            n[4] + 1, store, (int) (n[0] % 17), 0, 0, body, p));
  }

  @Property(tries = 200)
  void everyFieldEqualsTheOfficialDecoders(@ForAll("responses")
      List<MessageRecord> records) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (MessageRecord r : records) {
      ByteBuffer b = MessageRecordCodec.encode(r);
      all.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
    }
    byte[] body = all.toByteArray();
    MessageQueue queue = new MessageQueue("t", "broker-a", 3);
    List<ReceivedMessage> mine = PulledMessages.decode(body, queue,
        Subscription.of("t", "*", 1));
    List<MessageExt> official = MessageDecoder.decodes(ByteBuffer.wrap(body), true);

    assertThat(mine).hasSameSizeAs(official);
    for (int i = 0; i < mine.size(); i++) {
      ReceivedMessage m = mine.get(i);
      MessageExt o = official.get(i);
      // decoded as a client would: getMsgId() is the unique key, else the offset id
      assertThat(m.offsetMessageId()).isEqualTo(((MessageClientExt) o).getOffsetMsgId());
      assertThat(m.messageId()).isEqualTo(o.getMsgId());
      assertThat(m.body()).isEqualTo(o.getBody() == null ? new byte[0] : o.getBody());
      assertThat(m.properties()).isEqualTo(o.getProperties() == null ? java.util.Map.of()
          : o.getProperties());
      assertThat(m.queue().queueId()).isEqualTo(o.getQueueId());
      assertThat(m.queue()).isEqualTo(o.getQueueId() == 3 ? queue
          : new MessageQueue("t", "broker-a", o.getQueueId()));
      assertThat(m.queueOffset()).isEqualTo(o.getQueueOffset());
      assertThat(m.commitLogOffset()).isEqualTo(o.getCommitLogOffset());
      assertThat(m.reconsumeTimes()).isEqualTo(o.getReconsumeTimes());
      assertThat(m.bornTimestamp()).isEqualTo(o.getBornTimestamp());
      assertThat(m.storeTimestamp()).isEqualTo(o.getStoreTimestamp());
      assertThat(m.flag()).isEqualTo(o.getFlag());
      assertThat(m.tags()).isEqualTo(o.getTags());
      assertThat(m.pulledTopic()).isEqualTo("t");
      if (!o.getTopic().startsWith("%RETRY%")) {
        assertThat(m.topic()).isEqualTo(o.getTopic());
      }
    }
  }
}
