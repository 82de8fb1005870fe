package io.apogeemq.broker.retry;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.AppendMessage;
import java.util.Map;

/**
 * What a consumer's send-back turns into (semantics.md §10.1 steps 4–7): the re-delivery of the
 * failed message to {@code %RETRY%<group>} after a delay level, or its move to
 * {@code %DLQ%<group>}.
 *
 * <p>The new message keeps body, flag, properties (so the unique key and with it the message id
 * the consumer sees stay the same), sysflag and born time/host of the original; it gets
 * {@code reconsumeTimes + 1}, {@code RETRY_TOPIC} = the original's topic unless an earlier retry
 * already set it, {@code ORIGIN_MESSAGE_ID} = the original's unless an earlier retry already set it
 * (else the original record's offset message id) and {@code WAIT=false}. A retry carries
 * {@code DELAY=<level>}; a dead letter carries no delay.
 *
 * <p>Pure: no I/O; a value.
 *
 * @param message the message to append (before the delay-level redirect)
 * @param deadLetter whether it goes to the dead-letter queue
 * @param delayLevel the delay level of a retry (0 for a dead letter)
 */
public record SendBackPlan(AppendMessage message, boolean deadLetter, int delayLevel) {

  /** Retry delay level when the consumer leaves the choice to the broker. */
  static final int BASE_LEVEL = 3;

  /**
   * @param original the failed message as stored
   * @param header the send-back request
   * @param groupMaxReconsumeTimes the group's {@code retryMaxTimes} (used when the request has none)
   * @param retryQueueId the queue of {@code %RETRY%<group>} a retry goes to
   * @param storeHost this broker's address for the new record
   */
  public static SendBackPlan of(MessageRecord original, SendBackHeader header,
      int groupMaxReconsumeTimes, int retryQueueId, MessageHost storeHost) {
    int max = header.maxReconsumeTimes() != null ? header.maxReconsumeTimes()
        : groupMaxReconsumeTimes;
    boolean dead = original.reconsumeTimes() >= max || header.delayLevel() < 0;
    int level = dead ? 0 : header.delayLevel() == 0
        ? BASE_LEVEL + original.reconsumeTimes() : header.delayLevel();
    Map<String, String> props = MessageProperties.decode(original.properties());
    props.putIfAbsent(PropertyKeys.RETRY_TOPIC, original.topic());
    props.putIfAbsent(PropertyKeys.ORIGIN_MESSAGE_ID, original.offsetMessageId());
    props.put(PropertyKeys.WAIT_STORE_MSG_OK, "false");
    props.remove(PropertyKeys.TIMER_DELIVER_MS);
    props.remove(PropertyKeys.TIMER_DELAY_MS);
    props.remove(PropertyKeys.TIMER_DELAY_SEC);
    if (dead) {
      props.remove(PropertyKeys.DELAY_TIME_LEVEL);
    } else {
      props.put(PropertyKeys.DELAY_TIME_LEVEL, Integer.toString(level));
    }
    String topic = dead ? NameRules.dlqTopic(header.group()) : NameRules.retryTopic(header.group());
    AppendMessage m = new AppendMessage(topic, dead ? 0 : retryQueueId, original.flag(),
        original.body(), MessageProperties.encode(props), original.sysFlag(),
        original.bornTimestamp(), original.bornHost(), storeHost,
        saturatedIncrement(original.reconsumeTimes()), 0, false);
    return new SendBackPlan(m, dead, level);
  }

  private static int saturatedIncrement(int n) {
    return n == Integer.MAX_VALUE ? n : n + 1;
  }
}
