package io.apogeemq.client.consumer;

/** What an {@link OrderlyMessageListener} says about a batch (official {@code ConsumeOrderlyStatus}). */
public enum OrderlyResult {
  /** Every message of the batch is done; the queue's offset moves past them. */
  SUCCESS,
  /**
   * Stop this queue for the consumer's {@code suspendInterval}, then deliver the same batch again
   * (locally, in the same order; {@code reconsumeTimes} + 1). After {@code maxReconsumeTimes}
   * failures a message goes to the group's dead-letter queue.
   */
  SUSPEND
}
