package io.apogeemq.broker.retry;

import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.broker.topic.TopicPersistenceException;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;

/**
 * Creates a group's retry and dead-letter topics on demand (semantics.md §0): {@code %RETRY%<group>}
 * with the group's {@code retryQueueNums} queues, {@code %DLQ%<group>} with one queue, both
 * read+write (perm 6). The topic registry persists and announces them. An existing topic is used
 * as it is.
 *
 * <p>Thread-safe (the registry is).
 */
public final class RetryTopics {

  private final TopicConfigRegistry topics;

  public RetryTopics(TopicConfigRegistry topics) {
    this.topics = topics;
  }

  /** {@code %RETRY%<group>}, created with {@code queueNums} queues if missing. */
  public TopicConfig retry(String group, int queueNums) {
    return create(TopicConfig.of(NameRules.retryTopic(group), queueNums));
  }

  /** {@code %DLQ%<group>}, created with one queue if missing. */
  public TopicConfig deadLetter(String group) {
    return create(TopicConfig.of(NameRules.dlqTopic(group), 1, 1, Perm.READ_WRITE));
  }

  private TopicConfig create(TopicConfig config) {
    try {
      return topics.createIfAbsent(config);
    } catch (TopicPersistenceException e) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "topic[" + config.topicName()
          + "] could not be created: " + e.getMessage());
    }
  }
}
