package io.apogeemq.broker.client;

/**
 * Makes sure a consumer group's {@code %RETRY%<group>} topic exists (read and write queues =
 * {@code queueNums}, perm read+write) and is announced to the NameServers. Implemented by the topic
 * registry; must be idempotent and thread-safe.
 */
@FunctionalInterface
public interface RetryTopicCreator {

  /** The retry topic name prefix. */
  String RETRY_PREFIX = "%RETRY%";

  void ensureRetryTopic(String retryTopic, int queueNums);

  static String retryTopicOf(String group) {
    return RETRY_PREFIX + group;
  }
}
