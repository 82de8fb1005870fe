package io.apogeemq.client.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FastjsonKeysTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void objectKeysOfTheOfficialBrokerBecomeStringKeysHoldingTheObject() throws Exception {
    String fastjson = "{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:"
        + "{\"maxOffset\":10,\"minOffset\":0},{\"brokerName\":\"b\",\"queueId\":1,"
        + "\"topic\":\"T\"}:{\"maxOffset\":3,\"minOffset\":1}},\"topicPutTps\":0.0}";
    JsonNode root = JSON.readTree(FastjsonKeys.normalize(fastjson));
    JsonNode table = root.path("offsetTable");
    assertThat(table.size()).isEqualTo(2);
    String firstKey = table.fieldNames().next();
    assertThat(AdminTransport.queueKey(firstKey, "test").queueId()).isZero();
    assertThat(table.path(firstKey).path("maxOffset").asLong()).isEqualTo(10);
    assertThat(root.path("topicPutTps").asDouble()).isZero();
  }

  @Test
  void standardJsonIncludingBracesAndQuotesInStringsPassesUnchanged() {
    String json = "{\"a\":\"{not a key}\",\"b\":[{\"c\":\"x\\\"{\"}],\"d\":{\"e\":1}}";
    assertThat(FastjsonKeys.normalize(json)).isEqualTo(json);
  }

  @Test
  void objectValuesInArraysAreNotTakenForKeys() throws Exception {
    String json = "{\"list\":[{\"k\":1},{\"k\":2}],\"m\":{{\"q\":1}:[{\"x\":{}}]}}";
    JsonNode root = JSON.readTree(FastjsonKeys.normalize(json));
    assertThat(root.path("list").size()).isEqualTo(2);
    assertThat(root.path("m").fieldNames().next()).isEqualTo("{\"q\":1}");
  }
}
