package io.apogeemq.cli.bench;

/** How a producer thread of {@code apogee bench} sends. */
public enum SendMode {
  /** {@code send}: one message per round trip. */
  SYNC,
  /** {@code sendAsync}: up to {@code inflight} unanswered sends per thread. */
  ASYNC,
  /** {@code sendOneway}: no answer, so latency is only the time to hand the request to the socket. */
  ONEWAY,
  /** {@code sendBatch} of {@code batch} messages per round trip (counted as that many messages). */
  BATCH
}
