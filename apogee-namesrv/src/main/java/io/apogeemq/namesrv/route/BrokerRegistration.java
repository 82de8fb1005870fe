package io.apogeemq.namesrv.route;

import java.util.List;
import java.util.Objects;

/**
 * One {@code REGISTER_BROKER} request, decoded.
 *
 * @param cluster cluster name
 * @param brokerName broker name
 * @param brokerAddr {@code ip:port} clients use
 * @param brokerId 0 = master, otherwise a slave
 * @param haServerAddr {@code ip:haPort}
 * @param zoneName zone or null
 * @param heartbeatTimeoutMillis how long the broker may stay silent before it is removed
 * @param enableActingMaster 5.x flag
 * @param dataVersion version of {@code topics}, or null when the body carried no topic table
 * @param topics the broker's topic configs, or null when the body carried none
 * @param filterServers legacy filter-server addresses (usually empty)
 * @param connection identity of the connection the request came on (used to remove the broker when
 *     that connection closes), or null
 */
public record BrokerRegistration(
    String cluster,
    String brokerName,
    String brokerAddr,
    long brokerId,
    String haServerAddr,
    String zoneName,
    long heartbeatTimeoutMillis,
    boolean enableActingMaster,
    DataVersion dataVersion,
    List<TopicConfigEntry> topics,
    List<String> filterServers,
    Object connection) {

  public BrokerRegistration {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(brokerName, "brokerName");
    Objects.requireNonNull(brokerAddr, "brokerAddr");
    topics = topics == null ? null : List.copyOf(topics);
    filterServers = filterServers == null ? List.of() : List.copyOf(filterServers);
  }
}
