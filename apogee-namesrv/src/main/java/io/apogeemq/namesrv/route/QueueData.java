package io.apogeemq.namesrv.route;

import java.util.Objects;

/**
 * The queues one broker name offers for one topic, as served in routes.
 *
 * @param brokerName broker name (shared by a master and its slaves)
 * @param readQueueNums readable queue count
 * @param writeQueueNums writable queue count
 * @param perm permission bits ({@link Perm#READ}, {@link Perm#WRITE}, ...)
 * @param topicSysFlag unit flags
 */
public record QueueData(
    String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {

  public QueueData {
    Objects.requireNonNull(brokerName, "brokerName");
  }

  static QueueData of(String brokerName, TopicConfigEntry topic) {
    return new QueueData(
        brokerName,
        topic.readQueueNums(),
        topic.writeQueueNums(),
        topic.perm(),
        topic.topicSysFlag());
  }

  /** This queue data with {@code perm} replaced. */
  public QueueData withPerm(int newPerm) {
    return new QueueData(brokerName, readQueueNums, writeQueueNums, newPerm, topicSysFlag);
  }
}
