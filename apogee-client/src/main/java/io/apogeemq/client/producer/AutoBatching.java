package io.apogeemq.client.producer;

import java.time.Duration;
import java.util.Objects;

/**
 * Automatic batching of async sends: messages to the same topic wait up to {@code linger} to be
 * sent together as one {@code SEND_BATCH_MESSAGE}; a batch leaves at once when it reaches
 * {@code maxMessages} messages or {@code maxBytes} bytes of bodies and properties. Each message
 * keeps its own future, completed with its own result (its own queue offset and ids); when the
 * batch request fails, every message's future fails with the batch's error.
 *
 * <p>Trade-off: higher throughput and fewer requests for up to {@code linger} more latency. All
 * messages of one batch go to the same queue.
 *
 * @param linger longest wait of the first message of a batch (0 ms..1 s)
 * @param maxMessages messages per batch (1 = off)
 * @param maxBytes approximate request body size per batch (capped by the producer's
 *     {@code maxMessageSize})
 */
public record AutoBatching(Duration linger, int maxMessages, int maxBytes) {

  /** No batching: every async send is its own request. */
  public static final AutoBatching OFF = new AutoBatching(Duration.ZERO, 1, 1);

  public AutoBatching {
    Objects.requireNonNull(linger, "linger");
    if (linger.isNegative() || linger.toMillis() > 1_000) {
      throw new IllegalArgumentException("auto-batching linger " + linger
          + " is outside 0 ms..1 s");
    }
    if (maxMessages < 1 || maxMessages > 10_000 || maxBytes < 1) {
      throw new IllegalArgumentException("auto-batching bounds " + maxMessages + " messages / "
          + maxBytes + " bytes are invalid");
    }
  }

  /** Batches of up to {@code maxMessages} messages / {@code maxBytes} bytes, waiting {@code linger}. */
  public static AutoBatching of(Duration linger, int maxMessages, int maxBytes) {
    return new AutoBatching(linger, maxMessages, maxBytes);
  }

  /**
   * Batches bounded by bytes and linger only (the count bound set to its maximum, 10,000): the
   * bounds the official 5.x {@code setAutoBatch(true)} has ({@code batchMaxBytes},
   * {@code batchMaxDelayMs}). A small count bound (e.g. 64 with 1 KiB messages) means many
   * more, smaller requests for the same bytes, which costs the broker more than the client saves.
   */
  public static AutoBatching ofBytes(Duration linger, int maxBytes) {
    return new AutoBatching(linger, 10_000, maxBytes);
  }

  /** True when sends are batched at all. */
  public boolean enabled() {
    return maxMessages > 1;
  }
}
