package io.apogeemq.broker.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.ResetOffsetBody;
import org.apache.rocketmq.remoting.protocol.body.ResetOffsetBodyForC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ResetOffsetBodyTest {

  private static Map<Integer, Long> offsets() {
    Map<Integer, Long> m = new LinkedHashMap<>();
    m.put(0, 12L);
    m.put(1, 0L);
    return m;
  }

  @Test
  void theJavaFormDecodesIntoMessageQueueKeysWithTheOfficialClass() {
    byte[] bytes = io.apogeemq.broker.reset.ResetOffsetBody.forJava("broker-a", "T\"x", offsets());

    ResetOffsetBody decoded = ResetOffsetBody.decode(bytes, ResetOffsetBody.class);

    assertThat(decoded.getOffsetTable()).containsOnly(
        Map.entry(new MessageQueue("T\"x", "broker-a", 0), 12L),
        Map.entry(new MessageQueue("T\"x", "broker-a", 1), 0L));
  }

  @Test
  void theCppFormDecodesWithTheOfficialClass() {
    byte[] bytes = io.apogeemq.broker.reset.ResetOffsetBody.forCpp("broker-a", "T", offsets());

    ResetOffsetBodyForC decoded = ResetOffsetBodyForC.decode(bytes, ResetOffsetBodyForC.class);

    assertThat(decoded.getOffsetTable()).hasSize(2);
    assertThat(decoded.getOffsetTable().get(0).getOffset()).isEqualTo(12L);
    assertThat(decoded.getOffsetTable().get(0).getBrokerName()).isEqualTo("broker-a");
    assertThat(decoded.getOffsetTable().get(1).getQueueId()).isEqualTo(1);
  }
}
