package io.apogeemq.namesrv.route;

/**
 * Identity of one registered broker process: the same address may appear in two clusters.
 *
 * @param cluster cluster name
 * @param brokerAddr {@code ip:port}
 */
public record BrokerAddrKey(String cluster, String brokerAddr) {}
