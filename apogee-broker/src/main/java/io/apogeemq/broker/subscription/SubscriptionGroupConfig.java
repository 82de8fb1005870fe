package io.apogeemq.broker.subscription;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * The broker-side configuration of one consumer group (codes.md §5.6), as persisted in
 * {@code subscriptionGroup.json} and exchanged with admin tools. Unknown JSON members (the 5.x retry
 * policy, attributes, ...) are ignored when read.
 *
 * @param consumeEnable false → pulls are refused with {@code NO_PERMISSION}
 * @param consumeBroadcastEnable false → broadcasting pulls are refused with {@code NO_PERMISSION}
 * @param retryQueueNums queue count of {@code %RETRY%<group>}
 * @param retryMaxTimes re-deliveries before the dead-letter queue
 * @param brokerId broker id consumers read from when not slow
 * @param whichBrokerWhenConsumeSlowly broker id suggested when the consumer lags
 * @param notifyConsumerIdsChangedEnable tell members when the group's membership changes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubscriptionGroupConfig(String groupName, boolean consumeEnable,
    boolean consumeFromMinEnable, boolean consumeBroadcastEnable, int retryQueueNums,
    int retryMaxTimes, long brokerId, long whichBrokerWhenConsumeSlowly,
    boolean notifyConsumerIdsChangedEnable) {

  public SubscriptionGroupConfig {
    Objects.requireNonNull(groupName, "groupName");
    if (retryQueueNums < 0) {
      throw new IllegalArgumentException(
          "retryQueueNums of group " + groupName + " must not be negative: " + retryQueueNums);
    }
  }

  /** The configuration the official broker auto-creates for a new group. */
  public static SubscriptionGroupConfig defaults(String groupName) {
    return new SubscriptionGroupConfig(groupName, true, true, true, 1, 16, 0, 1, true);
  }
}
