package io.apogeemq.namesrv.route;

/**
 * Liveness record of one registered broker address.
 *
 * @param brokerName broker name the address belongs to
 * @param brokerId id within the broker name
 * @param lastUpdateMillis clock time of the last registration (or data-version query)
 * @param timeoutMillis silence after which the broker is removed
 * @param dataVersion the version of the topic table last accepted from it, or null
 * @param haServerAddr its HA address
 * @param connection identity of its connection, or null
 */
public record BrokerLiveInfo(
    String brokerName,
    long brokerId,
    long lastUpdateMillis,
    long timeoutMillis,
    DataVersion dataVersion,
    String haServerAddr,
    Object connection) {

  BrokerLiveInfo touchedAt(long nowMillis) {
    return new BrokerLiveInfo(
        brokerName, brokerId, nowMillis, timeoutMillis, dataVersion, haServerAddr, connection);
  }

  boolean expiredAt(long nowMillis) {
    return nowMillis - lastUpdateMillis > timeoutMillis;
  }
}
