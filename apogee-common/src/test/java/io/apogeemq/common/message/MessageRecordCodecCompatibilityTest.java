package io.apogeemq.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Golden tests of the record codec against the official 5.3.3 {@code MessageDecoder}. */
@Timeout(20)
class MessageRecordCodecCompatibilityTest {

  private static final String WORKED_EXAMPLE =
      "00000077daa320a777d1898200000001000000000000000000000005" + "00000000000004d200000000"
          + "0000018bcfe568007f0000010000c350" + "0000018bcfe568647f00000100002a9f"
          + "000000000000000000000000" + "0000000548656c6c6f" + "09546f70696354657374"
          + "000e6b01760254414753015461674102";

  static MessageRecord workedExample() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("k", "v");
    props.put("TAGS", "TagA");
    byte[] body = "Hello".getBytes();
    return new MessageRecord("TopicTest", 1, 0, 5, 1234, 0, 0x18bcfe56800L,
        MessageHost.of(new byte[] {127, 0, 0, 1}, 50000), 0x18bcfe56864L,
        MessageHost.of(new byte[] {127, 0, 0, 1}, 10911), 0, 0, BodyCrc.of(body), body,
        MessageProperties.encode(props));
  }

  @Test
  void encodesTheSpecWorkedExampleByteForByte() {
    ByteBuffer encoded = MessageRecordCodec.encode(workedExample());
    assertThat(HexFormat.of().formatHex(encoded.array())).isEqualTo(WORKED_EXAMPLE);
  }

  @Test
  void officialDecoderReadsWhatApogeeEncodes() {
    MessageRecord r = workedExample();
    MessageExt ext = MessageDecoder.decode(MessageRecordCodec.encode(r), true, false, false);
    assertThat(ext.getTopic()).isEqualTo("TopicTest");
    assertThat(ext.getQueueId()).isEqualTo(1);
    assertThat(ext.getQueueOffset()).isEqualTo(5);
    assertThat(ext.getCommitLogOffset()).isEqualTo(1234);
    assertThat(ext.getBodyCRC()).isEqualTo(r.bodyCrc());
    assertThat(ext.getBody()).isEqualTo("Hello".getBytes());
    assertThat(ext.getTags()).isEqualTo("TagA");
    assertThat(ext.getProperty("k")).isEqualTo("v");
    assertThat(ext.getBornTimestamp()).isEqualTo(r.bornTimestamp());
    assertThat(ext.getStoreTimestamp()).isEqualTo(r.storeTimestamp());
    assertThat(ext.getBornHost()).isEqualTo(new InetSocketAddress("127.0.0.1", 50000));
    assertThat(ext.getStoreHost()).isEqualTo(new InetSocketAddress("127.0.0.1", 10911));
    assertThat(ext.getMsgId()).isEqualTo(r.offsetMessageId());
    assertThat(ext.getStoreSize()).isEqualTo(119);
  }

  @Test
  void officialDecoderReadsIpv6HostsAndLongTopicsInV2() throws Exception {
    byte[] v6 = java.net.InetAddress.getByName("::1").getAddress();
    String topic = "%RETRY%" + "g".repeat(200);
    byte[] body = new byte[] {1, 2, 3};
    int sysFlag = SysFlag.BORN_HOST_V6 | SysFlag.STORE_HOST_V6;
    MessageRecord r = new MessageRecord(topic, 3, 7, 9, 4096, sysFlag, 11L,
        MessageHost.of(v6, 1), 12L, MessageHost.of(v6, 10911), 2, 0, BodyCrc.of(body), body,
        "UNIQ_KEY\u0001ABC\u0002");
    ByteBuffer buf = MessageRecordCodec.encode(r);
    assertThat(buf.getInt(4)).isEqualTo(MessageMagic.V2);
    MessageExt ext = MessageDecoder.decode(buf.duplicate(), true, false, false);
    assertThat(ext.getTopic()).isEqualTo(topic);
    assertThat(ext.getBornHost()).isEqualTo(new InetSocketAddress("::1", 1));
    assertThat(ext.getReconsumeTimes()).isEqualTo(2);
    assertThat(ext.getMsgId()).hasSize(56).isEqualTo(r.offsetMessageId());
    assertThat(MessageRecordCodec.decode(buf, true)).isEqualTo(r);
  }

  @Test
  void apogeeDecodesWhatTheOfficialEncoderWrites() throws Exception {
    MessageExt ext = new MessageExt();
    ext.setTopic("TopicX");
    ext.setBody("payload".getBytes());
    ext.setBodyCRC(BodyCrc.of("payload".getBytes()));
    ext.setQueueId(2);
    ext.setFlag(42);
    ext.setQueueOffset(77);
    ext.setCommitLogOffset(99999);
    ext.setSysFlag(0);
    ext.setBornTimestamp(1000);
    ext.setBornHost(new InetSocketAddress("10.0.0.2", 40000));
    ext.setStoreTimestamp(2000);
    ext.setStoreHost(new InetSocketAddress("10.0.0.1", 10911));
    ext.setReconsumeTimes(3);
    ext.setPreparedTransactionOffset(0);
    ext.putUserProperty("color", "blue");
    ext.setTags("TagB");
    ext.setKeys("k1 k2");
    byte[] official = MessageDecoder.encode(ext, false);

    MessageRecord r = MessageRecordCodec.decode(ByteBuffer.wrap(official), true);
    assertThat(r.topic()).isEqualTo("TopicX");
    assertThat(r.body()).isEqualTo("payload".getBytes());
    assertThat(r.flag()).isEqualTo(42);
    assertThat(r.queueOffset()).isEqualTo(77);
    assertThat(r.physicalOffset()).isEqualTo(99999);
    assertThat(r.reconsumeTimes()).isEqualTo(3);
    assertThat(r.bornHost().toSocketAddress()).isEqualTo(new InetSocketAddress("10.0.0.2", 40000));
    assertThat(r.property("color")).isEqualTo("blue");
    assertThat(r.property(PropertyKeys.TAGS)).isEqualTo("TagB");
    assertThat(r.property(PropertyKeys.KEYS)).isEqualTo("k1 k2");
    assertThat(r.propertyMap()).isEqualTo(
        MessageDecoder.string2messageProperties(MessageDecoder.messageProperties2String(
            ext.getProperties())));
    byte[] reencoded = MessageRecordCodec.encode(r).array();
    assertThat(reencoded).isEqualTo(official);
  }

  @Test
  void refusesATruncatedRecordWithItsPosition() {
    ByteBuffer full = MessageRecordCodec.encode(workedExample());
    ByteBuffer cut = ByteBuffer.wrap(java.util.Arrays.copyOf(full.array(), 100));
    assertThatThrownBy(() -> MessageRecordCodec.decode(cut, true))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("position 0")
        .hasMessageContaining("TOTALSIZE 119");
    assertThat(cut.position()).isZero();
  }

  @Test
  void refusesAFlippedBodyByteWhenCheckingCrc() {
    ByteBuffer buf = MessageRecordCodec.encode(workedExample());
    buf.put(89, (byte) (buf.get(89) ^ 0x1));
    assertThatThrownBy(() -> MessageRecordCodec.decode(buf.duplicate(), true))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("CRC");
    assertThat(MessageRecordCodec.decode(buf, false).topic()).isEqualTo("TopicTest");
  }

  @Test
  void refusesABadMagic() {
    ByteBuffer buf = MessageRecordCodec.encode(workedExample());
    buf.putInt(4, MessageMagic.BLANK);
    assertThatThrownBy(() -> MessageRecordCodec.decode(buf, true))
        .hasMessageContaining("bad magic");
  }

  @Test
  void refusesHostBitsThatDisagreeWithTheHosts() {
    MessageRecord r = workedExample();
    MessageRecord wrong = new MessageRecord(r.topic(), 0, 0, 0, 0, SysFlag.BORN_HOST_V6, 0,
        r.bornHost(), 0, r.storeHost(), 0, 0, 0, r.body(), "");
    assertThatThrownBy(() -> MessageRecordCodec.encode(wrong))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host bits");
  }
}
