package io.apogeemq.namesrv.route;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Addresses of one broker name: the master (id 0) and its slaves (ids 1, 2, ...). Immutable.
 *
 * @param cluster cluster the broker name belongs to
 * @param brokerName broker name
 * @param brokerAddrs broker id to {@code ip:port}, ascending by id; unmodifiable
 * @param zoneName zone from the registration's {@code __ZONE_NAME}, or null
 * @param enableActingMaster 5.x flag from the registration
 */
public record BrokerData(
    String cluster,
    String brokerName,
    SortedMap<Long, String> brokerAddrs,
    String zoneName,
    boolean enableActingMaster) {

  public BrokerData {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(brokerName, "brokerName");
    brokerAddrs = Collections.unmodifiableSortedMap(new TreeMap<>(brokerAddrs));
  }

  /** The master address (id 0), or null when no master is registered. */
  public String masterAddr() {
    return brokerAddrs.get(0L);
  }
}
