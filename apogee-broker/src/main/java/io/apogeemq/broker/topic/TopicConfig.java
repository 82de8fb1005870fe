package io.apogeemq.broker.topic;

import java.util.Map;

/**
 * One topic as this broker serves it (a {@code topicConfigTable} entry of topics.json).
 *
 * @param perm {@link Perm} bits
 * @param topicFilterType {@code SINGLE_TAG} or {@code MULTI_TAG}
 * @param topicSysFlag topic system flag (unit bits)
 * @param order whether the topic is ordered
 * @param attributes 5.x topic attributes (e.g. {@code message.type})
 */
public record TopicConfig(
    String topicName,
    int readQueueNums,
    int writeQueueNums,
    int perm,
    String topicFilterType,
    int topicSysFlag,
    boolean order,
    Map<String, String> attributes) {

  /** Largest queue count a topic may have. */
  public static final int MAX_QUEUE_NUMS = 1024 * 64;

  public TopicConfig {
    if (topicName == null || topicName.isBlank()) {
      throw new IllegalArgumentException("topic name must not be empty");
    }
    if (readQueueNums < 0 || writeQueueNums < 0 || readQueueNums > MAX_QUEUE_NUMS
        || writeQueueNums > MAX_QUEUE_NUMS) {
      throw new IllegalArgumentException("topic " + topicName + ": queue counts read="
          + readQueueNums + " write=" + writeQueueNums + " outside 0.." + MAX_QUEUE_NUMS);
    }
    topicFilterType = topicFilterType == null ? "SINGLE_TAG" : topicFilterType;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** A read-write topic with {@code queues} read and write queues. */
  public static TopicConfig of(String topic, int queues) {
    return new TopicConfig(topic, queues, queues, Perm.READ_WRITE, "SINGLE_TAG", 0, false,
        Map.of());
  }

  /** A topic with its own queue counts and permission. */
  public static TopicConfig of(String topic, int readQueues, int writeQueues, int perm) {
    return new TopicConfig(topic, readQueues, writeQueues, perm, "SINGLE_TAG", 0, false,
        Map.of());
  }

  /** The larger of the read and write queue counts: valid queue ids are below it. */
  public int queueCount() {
    return Math.max(readQueueNums, writeQueueNums);
  }
}
