package io.apogeemq.client.message;

/**
 * One queue of a topic on one broker group. Ordered by topic, broker name, queue id (the order
 * the official client sorts queues in before allocating them).
 */
public record MessageQueue(String topic, String brokerName, int queueId)
    implements Comparable<MessageQueue> {

  @Override
  public int compareTo(MessageQueue o) {
    int c = topic.compareTo(o.topic);
    if (c != 0) {
      return c;
    }
    c = brokerName.compareTo(o.brokerName);
    return c != 0 ? c : Integer.compare(queueId, o.queueId);
  }

  @Override
  public String toString() {
    return topic + "@" + brokerName + "#" + queueId;
  }
}
