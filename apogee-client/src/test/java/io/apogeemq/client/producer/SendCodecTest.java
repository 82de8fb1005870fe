package io.apogeemq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.client.message.SendResult;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendCodecTest {

  @Test
  void propertiesDecodeWithTheOfficialDecoderToTheSameValues() {
    Message m = Message.builder("t").tags("TagA").keys("k1", "k2").property("color", "red")
        .delayLevel(3).shardingKey("s-1").body("x").build();
    String props = SendCodec.properties(m, "UNIQ1", null);
    Map<String, String> official = MessageDecoder.string2messageProperties(props);
    assertThat(official).containsEntry("TAGS", "TagA").containsEntry("KEYS", "k1 k2")
        .containsEntry("color", "red").containsEntry("DELAY", "3")
        .containsEntry("__SHARDINGKEY", "s-1").containsEntry("UNIQ_KEY", "UNIQ1")
        .containsEntry("WAIT", "true").hasSize(7);
  }

  @Test
  void deliveryTimeBecomesTheTimerDeliverProperty() {
    Message m = Message.builder("t").deliveryTime(Instant.ofEpochMilli(1_900_000_000_000L))
        .body("x").build();
    assertThat(MessageDecoder.string2messageProperties(SendCodec.properties(m, "U", null)))
        .containsEntry("TIMER_DELIVER_MS", "1900000000000");
  }

  @Test
  void requestCarriesTheV2HeaderKeys() {
    Message m = Message.builder("t").flag(7).body("x").build();
    PreparedMessage p = new PreparedMessage("t", m.body(), 0, "P", "U", m, null);
    RemotingCommand r = SendCodec.request("pg", p, new MessageQueue("t", "broker-a", 2), 4, 123L,
        false);
    assertThat(r.code()).isEqualTo(RequestCode.SEND_MESSAGE_V2);
    assertThat(r.extFields()).containsEntry("a", "pg").containsEntry("b", "t")
        .containsEntry("c", "TBW102").containsEntry("d", "4").containsEntry("e", "2")
        .containsEntry("f", "0").containsEntry("g", "123").containsEntry("h", "7")
        .containsEntry("i", "P").containsEntry("m", "false").containsEntry("n", "broker-a");
  }

  @Test
  void batchResponseYieldsOneResultPerMessageWithConsecutiveOffsets() {
    Message m = Message.builder("t").body("x").build();
    PreparedMessage p = new PreparedMessage("t", new byte[] {1}, 0, "P", "W", m,
        new String[] {"U1", "U2", "U3"});
    RemotingCommand resp = RemotingCommand.response(ResponseCode.SUCCESS, null)
        .putExtField("msgId", "A,B,C").putExtField("queueId", "1").putExtField("queueOffset", "40");
    List<SendResult> results = SendCodec.results(resp, p, new MessageQueue("t", "b", 1), "peer");
    assertThat(results).extracting(SendResult::messageId).containsExactly("U1", "U2", "U3");
    assertThat(results).extracting(SendResult::offsetMessageId).containsExactly("A", "B", "C");
    assertThat(results).extracting(SendResult::queueOffset).containsExactly(40L, 41L, 42L);
  }

  @Test
  void retrySetMatchesTheSpec() {
    for (int code : new int[] {1, 2, 14, 16, 17, 204, 205, 1500}) {
      assertThat(SendCodec.isRetryable(code)).as("code %d", code).isTrue();
    }
    for (int code : new int[] {13, 29, 0, 10}) {
      assertThat(SendCodec.isRetryable(code)).as("code %d", code).isFalse();
    }
  }

  @Test
  void compressedBodyIsAZlibStreamTheOfficialSideCanInflate() throws Exception {
    byte[] body = "hello hello hello hello hello".repeat(300).getBytes();
    byte[] z = new BodyCompressor(5).compress(body);
    assertThat(z.length).isLessThan(body.length);
    Inflater inflater = new Inflater();
    inflater.setInput(z);
    byte[] out = new byte[body.length];
    assertThat(inflater.inflate(out)).isEqualTo(body.length);
    assertThat(out).isEqualTo(body);
    assertThat(org.apache.rocketmq.common.compression.CompressionType
        .findByValue((BodyCompressor.ZLIB_SYSFLAG & 0x700) >> 8).name()).isEqualTo("ZLIB");
  }
}
