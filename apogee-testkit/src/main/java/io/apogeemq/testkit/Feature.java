package io.apogeemq.testkit;

/**
 * Broker features a client integration test may need beyond plain send, pull and offsets. A
 * {@link TargetCluster} says which of them it lacks ({@link TargetCluster#lacks(Feature)}), so a
 * test can skip with an explicit reason instead of passing silently or failing for the wrong cause.
 */
public enum Feature {
  /** {@code CONSUMER_SEND_MSG_BACK}, the {@code %RETRY%} topics' redelivery and {@code %DLQ%}. */
  RETRY_AND_DLQ,
  /** {@code LOCK_BATCH_MQ} / {@code UNLOCK_BATCH_MQ} (orderly consumption). */
  QUEUE_LOCKS,
  /** Delay levels ({@code DELAY} property, {@code SCHEDULE_TOPIC_XXXX}). */
  DELAY_LEVELS,
  /** 5.x timer messages ({@code TIMER_DELIVER_MS} and friends). */
  TIMER,
  /** Half messages, {@code END_TRANSACTION} and the broker's check-back. */
  TRANSACTIONS,
  /** SQL92 property filters. */
  SQL92
}
