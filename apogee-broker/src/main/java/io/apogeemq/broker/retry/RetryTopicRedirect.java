package io.apogeemq.broker.retry;

import io.apogeemq.broker.send.MessageRedirect;
import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.AppendMessage;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send-path rule for messages a client produces straight into {@code %RETRY%<group>}
 * (semantics.md §10.3: its fallback when a send-back failed, and how orderly consumers hand over
 * a message that exhausted its retries): when {@code reconsumeTimes} exceeds the maximum
 * ({@code MAX_RECONSUME_TIMES} of the request, else the group's {@code retryMaxTimes}), or the group
 * holds a live orderly queue lock on this broker, the message is stored in {@code %DLQ%<group>}
 * queue 0 without delay instead. Anything else passes untouched (a retry with {@code DELAY} then
 * goes on to the delay-level redirect).
 *
 * <p>Uses the 5.x comparison ({@code >}): the client sends {@code reconsumeTimes + 1}, so a message
 * gets as many retries this way as through {@code CONSUMER_SEND_MSG_BACK}. The dead-letter topic
 * is created on first use (the one I/O this redirect may do).
 *
 * <p>Thread-safe.
 */
public final class RetryTopicRedirect implements MessageRedirect {

  private static final Logger LOG = LoggerFactory.getLogger(RetryTopicRedirect.class);
  private static final int DEFAULT_MAX_RECONSUME_TIMES = 16;

  private final SubscriptionGroupRegistry groups;
  private final RetryTopics topics;
  private final Predicate<String> groupHoldsOrderlyLock;

  /** @param groupHoldsOrderlyLock whether a group holds a live queue lock on this broker */
  public RetryTopicRedirect(SubscriptionGroupRegistry groups, RetryTopics topics,
      Predicate<String> groupHoldsOrderlyLock) {
    this.groups = groups;
    this.topics = topics;
    this.groupHoldsOrderlyLock = groupHoldsOrderlyLock;
  }

  @Override
  public AppendMessage redirect(AppendMessage m) {
    if (!NameRules.isRetryTopic(m.topic())) {
      return m;
    }
    String group = m.topic().substring(NameRules.RETRY_GROUP_TOPIC_PREFIX.length());
    int max = maxReconsumeTimes(group, m.properties());
    boolean orderly = groupHoldsOrderlyLock.test(group);
    if (m.reconsumeTimes() <= max && !orderly) {
      return m;
    }
    String dlq = topics.deadLetter(group).topicName();
    Map<String, String> props = MessageProperties.decode(m.properties());
    props.remove(PropertyKeys.DELAY_TIME_LEVEL);
    LOG.info("message {} sent to {} with reconsumeTimes {} (max {}{}): stored in {}",
        props.get(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX), m.topic(), m.reconsumeTimes(), max,
        orderly ? ", orderly group" : "", dlq);
    return new AppendMessage(dlq, 0, m.flag(), m.body(), MessageProperties.encode(props),
        m.sysFlag(), m.bornTimestamp(), m.bornHost(), m.storeHost(), m.reconsumeTimes(),
        m.preparedTransactionOffset(), m.waitStoreMsgOk());
  }

  private int maxReconsumeTimes(String group, String properties) {
    String fromRequest = MessageProperties.find(properties, PropertyKeys.MAX_RECONSUME_TIMES);
    if (fromRequest != null) {
      try {
        return Integer.parseInt(fromRequest.trim());
      } catch (NumberFormatException e) {
        LOG.debug("ignoring unparsable MAX_RECONSUME_TIMES '{}' for group {}", fromRequest,
            group);
      }
    }
    return groups.find(group).map(SubscriptionGroupConfig::retryMaxTimes)
        .orElse(DEFAULT_MAX_RECONSUME_TIMES);
  }
}
