package io.apogeemq.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.client.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TopicRouteTest {

  private static final String SPEC_EXAMPLE = """
      {"brokerDatas":[{"brokerAddrs":{"0":"192.168.1.10:10911","1":"192.168.1.11:10911"},
        "brokerName":"broker-b","cluster":"DefaultCluster","enableActingMaster":false},
       {"brokerAddrs":{"1":"192.168.1.21:10911"},"brokerName":"broker-c","cluster":"C"},
       {"brokerAddrs":{0:"192.168.1.30:10911"},"brokerName":"broker-a","cluster":"C"}],
       "filterServerTable":{},
       "queueDatas":[{"brokerName":"broker-b","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":2},
        {"brokerName":"broker-c","perm":6,"readQueueNums":2,"writeQueueNums":2},
        {"brokerName":"broker-a","perm":4,"readQueueNums":1,"writeQueueNums":1}]}
      """;

  @Test
  void parsesStandardAndUnquotedKeyFormsAndSortsByBrokerName() throws Exception {
    TopicRoute r = TopicRoute.parse(SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8));
    assertThat(r.queueDatas()).extracting(TopicRoute.QueueData::brokerName)
        .containsExactly("broker-a", "broker-b", "broker-c");
    assertThat(r.masterAddress("broker-b")).isEqualTo("192.168.1.10:10911");
    assertThat(r.masterAddress("broker-a")).isEqualTo("192.168.1.30:10911");
    assertThat(r.masterAddress("broker-c")).isNull();
    assertThat(r.allAddresses()).hasSize(4);
  }

  @Test
  void publishQueuesSkipReadOnlyBrokersAndBrokersWithoutMaster() throws Exception {
    TopicRoute r = TopicRoute.parse(SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8));
    assertThat(r.publishQueues("t", Integer.MAX_VALUE)).containsExactly(
        new MessageQueue("t", "broker-b", 0), new MessageQueue("t", "broker-b", 1));
  }

  @Test
  void subscribeQueuesUseReadQueueCountsOfReadableBrokers() throws Exception {
    TopicRoute r = TopicRoute.parse(SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8));
    assertThat(r.subscribeQueues("t")).hasSize(1 + 4 + 2);
  }

  @Test
  void orderTopicConfOverridesQueueDatasForPublishing() throws Exception {
    String json = SPEC_EXAMPLE.replace("\"filterServerTable\"",
        "\"orderTopicConf\":\"broker-c:2;broker-a:1\",\"filterServerTable\"");
    TopicRoute r = TopicRoute.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.publishQueues("t", 8)).containsExactly(new MessageQueue("t", "broker-c", 0),
        new MessageQueue("t", "broker-c", 1), new MessageQueue("t", "broker-a", 0));
  }

  @Test
  void equalRoutesCompareEqualSoRefreshSeesNoChange() throws Exception {
    byte[] b = SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8);
    assertThat(TopicRoute.parse(b)).isEqualTo(TopicRoute.parse(b));
  }
}
