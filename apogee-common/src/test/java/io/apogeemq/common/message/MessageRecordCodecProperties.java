package io.apogeemq.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.AfterFailureMode;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;

/** Round trips of random records through Apogee and the official decoder. Seeds are printed. */
class MessageRecordCodecProperties {

  @Property(tries = 300, afterFailure = AfterFailureMode.RANDOM_SEED)
  void everyRecordRoundTripsThroughApogee(@ForAll("records") MessageRecord r) {
    ByteBuffer buf = MessageRecordCodec.encode(r);
    assertThat(buf.getInt(0)).isEqualTo(buf.remaining());
    assertThat(MessageRecordCodec.decode(buf, true)).isEqualTo(r);
    assertThat(buf.hasRemaining()).isFalse();
  }

  @Property(tries = 200, afterFailure = AfterFailureMode.RANDOM_SEED)
  void officialDecoderAgreesOnEveryField(@ForAll("records") MessageRecord r) {
    MessageExt ext = MessageDecoder.decode(MessageRecordCodec.encode(r), true, false, false);
    assertThat(ext.getTopic()).isEqualTo(r.topic());
    assertThat(ext.getQueueId()).isEqualTo(r.queueId());
    assertThat(ext.getFlag()).isEqualTo(r.flag());
    assertThat(ext.getQueueOffset()).isEqualTo(r.queueOffset());
    assertThat(ext.getCommitLogOffset()).isEqualTo(r.physicalOffset());
    assertThat(ext.getSysFlag()).isEqualTo(r.sysFlag());
    assertThat(ext.getBornTimestamp()).isEqualTo(r.bornTimestamp());
    assertThat(ext.getStoreTimestamp()).isEqualTo(r.storeTimestamp());
    assertThat(ext.getReconsumeTimes()).isEqualTo(r.reconsumeTimes());
    assertThat(ext.getPreparedTransactionOffset()).isEqualTo(r.preparedTransactionOffset());
    assertThat(ext.getBody() == null ? new byte[0] : ext.getBody()).isEqualTo(r.body());
    assertThat(ext.getProperties() == null ? java.util.Map.of() : ext.getProperties())
        .isEqualTo(r.propertyMap());
    assertThat(ext.getMsgId()).isEqualTo(r.offsetMessageId());
  }

  @Provide
  Arbitrary<MessageRecord> records() {
    Arbitrary<MessageHost> hosts = Combinators.combine(
        Arbitraries.of(4, 16).flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)),
        Arbitraries.integers().between(0, 65535)).as(MessageHost::of);
    Arbitrary<String> topics = Arbitraries.strings().withChars("abcXYZ019_-%|").ofMinLength(1)
        .ofMaxLength(260);
    Arbitrary<byte[]> bodies = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    Arbitrary<String> props = Arbitraries.maps(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(30).excludeChars('\u0001', '\u0002'))
        .ofMaxSize(6).map(MessageProperties::encode);
    return Combinators.combine(topics, hosts, hosts, bodies, props,
            Arbitraries.longs().greaterOrEqual(0), Arbitraries.integers().between(0, 1000),
            Arbitraries.of(0, SysFlag.COMPRESSED, SysFlag.TRANSACTION_PREPARED_TYPE,
                SysFlag.TRANSACTION_COMMIT_TYPE | SysFlag.MULTI_TAGS))
        .as((topic, born, store, body, p, offset, qid, flag) -> new MessageRecord(topic, qid,
            qid * 3, offset / 7, offset, SysFlag.withHostBits(flag, born, store), offset / 3,
            born, offset / 5, store, qid % 17, offset % 11, BodyCrc.of(body), body, p));
  }
}
