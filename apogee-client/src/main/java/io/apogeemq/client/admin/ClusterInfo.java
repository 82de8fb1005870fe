package io.apogeemq.client.admin;

import java.util.Map;
import java.util.Set;

/**
 * Live brokers as the NameServer knows them (codes.md §2.2).
 *
 * @param brokers broker name -> (broker id -> {@code host:port}); id 0 is the master
 * @param clusters cluster name -> its broker names
 */
public record ClusterInfo(Map<String, Map<Long, String>> brokers, Map<String, Set<String>> clusters) {

  public ClusterInfo {
    brokers = Map.copyOf(brokers);
    clusters = Map.copyOf(clusters);
  }

  /** Master addresses of every broker group. */
  public Set<String> masters() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    brokers.values().forEach(ids -> {
      String m = ids.get(0L);
      if (m != null) {
        out.add(m);
      }
    });
    return out;
  }
}
