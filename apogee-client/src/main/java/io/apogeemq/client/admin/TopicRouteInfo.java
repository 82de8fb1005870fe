package io.apogeemq.client.admin;

import java.util.List;
import java.util.Map;

/**
 * A topic's route as the NameServer reports it (codes.md §2.1), with the official member names
 * so its JSON reads like {@code TopicRouteData}.
 *
 * @param brokerDatas the broker groups serving the topic, sorted by name
 * @param queueDatas queue counts and permission per broker group, sorted by broker name
 */
public record TopicRouteInfo(List<BrokerData> brokerDatas, List<QueueData> queueDatas) {

  public TopicRouteInfo {
    brokerDatas = List.copyOf(brokerDatas);
    queueDatas = List.copyOf(queueDatas);
  }

  /** One broker group: id → address; id 0 is the master. */
  public record BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {
    public BrokerData {
      brokerAddrs = Map.copyOf(brokerAddrs);
    }

    /** The master's address, or {@code null}. */
    public String master() {
      return brokerAddrs.get(0L);
    }
  }

  /** Queue counts of one broker group. */
  public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm,
      int topicSysFlag) {}

  /** The master address of {@code brokerName}, or {@code null}. */
  public String masterOf(String brokerName) {
    return brokerDatas.stream().filter(b -> b.brokerName().equals(brokerName)).findFirst()
        .map(BrokerData::master).orElse(null);
  }
}
