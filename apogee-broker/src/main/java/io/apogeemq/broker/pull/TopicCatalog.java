package io.apogeemq.broker.pull;

import java.util.Optional;

/**
 * What the pull path needs to know about a topic: whether it exists, is readable and how many read
 * queues it has. Implemented over the broker's topic registry; must be thread-safe and cheap.
 */
@FunctionalInterface
public interface TopicCatalog {

  /** Empty when the topic does not exist. */
  Optional<ReadInfo> readInfo(String topic);

  /** @param readable the topic's perm has the READ bit */
  record ReadInfo(int readQueueNums, boolean readable) {}
}
