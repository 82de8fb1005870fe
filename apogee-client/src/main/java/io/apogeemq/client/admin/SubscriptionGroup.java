package io.apogeemq.client.admin;

/**
 * The settings of a consumer group on a broker (SubscriptionGroupConfig, codes.md §5.6).
 * {@link #defaults} are the official broker's.
 */
public record SubscriptionGroup(String groupName, boolean consumeEnable,
    boolean consumeFromMinEnable, boolean consumeBroadcastEnable, boolean consumeMessageOrderly,
    int retryQueueNums, int retryMaxTimes, long brokerId, long whichBrokerWhenConsumeSlowly,
    boolean notifyConsumerIdsChangedEnable) {

  /** The official defaults for {@code group}. */
  public static SubscriptionGroup defaults(String group) {
    return new SubscriptionGroup(group, true, true, true, false, 1, 16, 0, 1, true);
  }
}
