package io.apogeemq.namesrv.route;

/**
 * Version of a broker's topic-config table, as the broker sends it in {@code REGISTER_BROKER}.
 *
 * <p>The NameServer re-reads the topics of a registration only when this value differs from the
 * one stored for the broker's address (or the broker is new). Equality is by all three members.
 *
 * @param counter incremented by the broker on every topic-config change
 * @param timestamp the broker's wall-clock milliseconds of that change
 * @param stateVersion 5.x only; 0 for 4.9 brokers
 */
public record DataVersion(long counter, long timestamp, long stateVersion) {}
