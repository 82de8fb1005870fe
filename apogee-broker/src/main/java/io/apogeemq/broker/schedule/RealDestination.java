package io.apogeemq.broker.schedule;

import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.store.AppendMessage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parked message (stored in a system topic such as {@code SCHEDULE_TOPIC_XXXX} or the
 * timer topic, with its destination in {@code REAL_TOPIC} / {@code REAL_QID}) back into the
 * message to append to its real topic and queue, with the scheduling properties stripped
 * (semantics.md §2.3, §3.3). Also used to park: {@link #park} records the real destination.
 *
 * <p>Body, flag, sysFlag, born time and host, reconsume times and every other property (so also
 * {@code UNIQ_KEY}: consumers see the same msgId) are kept. The result is a new record for the
 * store: new physical and queue offsets, new store time.
 *
 * <p>Stateless and thread-safe.
 */
public final class RealDestination {

  /** The properties that ask for scheduled delivery; they never survive a delivery. */
  public static final Set<String> SCHEDULING_KEYS = Set.of(PropertyKeys.DELAY_TIME_LEVEL,
      PropertyKeys.TIMER_DELIVER_MS, PropertyKeys.TIMER_DELAY_SEC, PropertyKeys.TIMER_DELAY_MS);

  private RealDestination() {}

  /**
   * The message {@code m} parked in {@code parkTopic}/{@code parkQueueId}: {@code REAL_TOPIC} and
   * {@code REAL_QID} hold its destination, {@code removed} are dropped and {@code added} set.
   */
  public static AppendMessage park(AppendMessage m, String parkTopic, int parkQueueId,
      Collection<String> removed, Map<String, String> added) {
    Map<String, String> props = MessageProperties.decode(m.properties());
    props.keySet().removeAll(removed);
    props.put(PropertyKeys.REAL_TOPIC, m.topic());
    props.put(PropertyKeys.REAL_QUEUE_ID, Integer.toString(m.queueId()));
    props.putAll(added);
    return new AppendMessage(parkTopic, parkQueueId, m.flag(), m.body(),
        MessageProperties.encode(props), m.sysFlag(), m.bornTimestamp(), m.bornHost(),
        m.storeHost(), m.reconsumeTimes(), m.preparedTransactionOffset(), m.waitStoreMsgOk());
  }

  /**
   * The parked record {@code parked} as a message for its real topic and queue, without
   * {@link #SCHEDULING_KEYS} and {@code alsoRemoved}, with {@code added} set. The store is asked
   * to confirm durability before answering, so that delivery progress never runs ahead of it.
   *
   * @throws IllegalArgumentException naming the record when {@code REAL_TOPIC} is missing or
   *     {@code REAL_QID} is not a non-negative integer
   */
  public static AppendMessage restore(MessageRecord parked, Collection<String> alsoRemoved,
      Map<String, String> added) {
    Map<String, String> props = MessageProperties.decode(parked.properties());
    String topic = props.get(PropertyKeys.REAL_TOPIC);
    String qid = props.get(PropertyKeys.REAL_QUEUE_ID);
    int queueId = -1;
    if (qid != null && qid.length() <= 9 && !qid.isEmpty()
        && qid.chars().allMatch(Character::isDigit)) {
      queueId = Integer.parseInt(qid);
    }
    if (topic == null || queueId < 0) {
      throw new IllegalArgumentException("parked message at " + parked.topic() + " queue "
          + parked.queueId() + " offset " + parked.queueOffset() + " has no valid real "
          + "destination (REAL_TOPIC=" + topic + ", REAL_QID=" + qid + ")");
    }
    props.keySet().removeAll(SCHEDULING_KEYS);
    props.keySet().removeAll(alsoRemoved);
    props.putAll(added);
    return new AppendMessage(topic, queueId, parked.flag(), parked.body(),
        MessageProperties.encode(props), parked.sysFlag(), parked.bornTimestamp(),
        parked.bornHost(), parked.storeHost(), parked.reconsumeTimes(),
        parked.preparedTransactionOffset(), true);
  }

  /** {@link #restore(MessageRecord, Collection, Map)} removing and adding nothing else. */
  public static AppendMessage restore(MessageRecord parked) {
    return restore(parked, List.of(), Map.of());
  }
}
