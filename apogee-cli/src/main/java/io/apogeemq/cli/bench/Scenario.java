package io.apogeemq.cli.bench;

/** What {@code apogee bench} measures. */
public enum Scenario {
  /** Send messages; latency is the send round trip. */
  PRODUCER,
  /** Consume a topic from its first offset (a backlog); latency is consume time − born time. */
  CONSUMER,
  /** Send and consume at once; latency is send start → listener call, on this host's clock. */
  E2E
}
