package io.apogeemq.namesrv.route;

import java.util.Map;
import java.util.Set;

/**
 * Live brokers grouped by cluster, as served by {@code GET_BROKER_CLUSTER_INFO}. Immutable.
 *
 * @param brokers broker name to its addresses
 * @param clusters cluster name to the broker names in it
 */
public record ClusterSnapshot(Map<String, BrokerData> brokers, Map<String, Set<String>> clusters) {

  public ClusterSnapshot {
    brokers = Map.copyOf(brokers);
    clusters = Map.copyOf(clusters);
  }
}
