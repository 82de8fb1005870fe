package io.apogeemq.namesrv.route;

import java.util.Objects;

/**
 * One topic of a broker's topic-config table, as carried by {@code REGISTER_BROKER}.
 *
 * @param topicName topic
 * @param readQueueNums queue ids {@code 0..readQueueNums-1} are readable
 * @param writeQueueNums queue ids {@code 0..writeQueueNums-1} are writable
 * @param perm permission bits, see {@link Perm}
 * @param topicSysFlag unit flags, see {@link Perm#FLAG_UNIT}
 */
public record TopicConfigEntry(
    String topicName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {

  public TopicConfigEntry {
    Objects.requireNonNull(topicName, "topicName");
  }
}
