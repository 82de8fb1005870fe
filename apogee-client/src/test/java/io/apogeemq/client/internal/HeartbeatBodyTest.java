package io.apogeemq.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.client.ClientConfig;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.remoting.protocol.heartbeat.ProducerData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HeartbeatBodyTest {

  @Test
  void theOfficialDecoderReadsProducersConsumersAndSubscriptions() {
    ClientConfig config = ClientConfig.builder().namesrv("127.0.0.1:1").clientIp("10.1.2.3")
        .instanceName("inst").build();
    try (ClientRuntime runtime = new ClientRuntime(config)) {
      runtime.registerProducer("pg");
      runtime.registerConsumer("cg", () -> {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("groupName", "cg").put("consumeType", "CONSUME_PASSIVELY")
            .put("messageModel", "CLUSTERING")
            .put("consumeFromWhere", "CONSUME_FROM_FIRST_OFFSET").put("unitMode", false);
        c.putArray("subscriptionDataSet").addObject().put("topic", "t").put("subString", "A")
            .put("subVersion", 5).put("expressionType", "TAG")
            .put("classFilterMode", false).putArray("tagsSet").add("A");
        return c;
      }, () -> { });
      HeartbeatData data = HeartbeatData.decode(runtime.heartbeatBody(), HeartbeatData.class);
      assertThat(data.getClientID()).isEqualTo("10.1.2.3@inst");
      assertThat(data.getProducerDataSet()).extracting(ProducerData::getGroupName)
          .containsExactlyInAnyOrder("CLIENT_INNER_PRODUCER", "pg");
      ConsumerData c = data.getConsumerDataSet().iterator().next();
      assertThat(c.getGroupName()).isEqualTo("cg");
      assertThat(c.getConsumeFromWhere().name()).isEqualTo("CONSUME_FROM_FIRST_OFFSET");
      assertThat(c.getSubscriptionDataSet().iterator().next().getTagsSet()).containsExactly("A");
      assertThat(data.getHeartbeatFingerprint()).isZero();
    }
  }
}
