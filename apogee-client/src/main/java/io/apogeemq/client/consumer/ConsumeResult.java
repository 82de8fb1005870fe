package io.apogeemq.client.consumer;

/** What a listener says about a batch it was given. */
public enum ConsumeResult {
  /** Every message of the batch is done. */
  SUCCESS,
  /** Deliver every message of the batch again later (retry topic, backoff, DLQ at the limit). */
  RETRY_LATER
}
