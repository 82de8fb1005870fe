package io.apogeemq.namesrv.route;

import java.util.List;
import java.util.Map;

/**
 * A consistent snapshot of one topic's route: queue data and the addresses of every broker name it
 * mentions. Immutable.
 *
 * @param queueDatas one entry per broker name serving the topic, sorted by broker name
 * @param brokerDatas the addresses of those broker names, sorted by broker name
 * @param filterServerTable broker address to filter-server addresses (legacy, usually empty)
 */
public record TopicRoute(
    List<QueueData> queueDatas,
    List<BrokerData> brokerDatas,
    Map<String, List<String>> filterServerTable) {

  public TopicRoute {
    queueDatas = List.copyOf(queueDatas);
    brokerDatas = List.copyOf(brokerDatas);
    filterServerTable = Map.copyOf(filterServerTable);
  }
}
