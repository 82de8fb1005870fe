package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Property test (jqwik, fixed seed, bounded tries) of the MessageQueue map keys. */
class AdminJsonProperties {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(seed = "7", tries = 300)
  void queueKeyIsAJsonObjectHoldingExactlyTheQueue(@ForAll @StringLength(max = 40) String broker,
      @ForAll @StringLength(max = 40) String topic, @ForAll @IntRange(max = 65535) int queueId)
      throws Exception {
    JsonNode n = JSON.readTree(AdminJson.queueKey(broker, topic, queueId));

    assertThat(n.get("brokerName").asText()).isEqualTo(broker);
    assertThat(n.get("topic").asText()).isEqualTo(topic);
    assertThat(n.get("queueId").asInt()).isEqualTo(queueId);
    assertThat(n.size()).isEqualTo(3);
  }
}
