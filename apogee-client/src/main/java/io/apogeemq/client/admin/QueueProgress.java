package io.apogeemq.client.admin;

/**
 * A consumer group's position on one queue (GET_CONSUME_STATS, codes.md §5.9).
 *
 * @param brokerOffset the queue's max offset
 * @param consumerOffset the group's committed offset (0 when none)
 * @param lastTimestamp store time of the last consumed message, 0 when unknown
 */
public record QueueProgress(String topic, String brokerName, int queueId, long brokerOffset,
    long consumerOffset, long lastTimestamp) {

  /** Messages not yet consumed. */
  public long diff() {
    return Math.max(0, brokerOffset - consumerOffset);
  }
}
