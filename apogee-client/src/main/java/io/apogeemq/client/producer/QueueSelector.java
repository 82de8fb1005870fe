package io.apogeemq.client.producer;

import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import java.util.List;

/**
 * Picks the queue for a message from the topic's writable queues (never empty). Must be
 * thread-safe and quick; it runs on the sending thread.
 */
@FunctionalInterface
public interface QueueSelector {

  MessageQueue select(List<MessageQueue> queues, Message message);

  /**
   * Same sharding key, same queue ({@code floorMod(key.hashCode(), n)}), like the official
   * {@code SelectMessageQueueByHash}; messages without a key go to queue 0 of the list.
   */
  static QueueSelector byShardingKey() {
    return (queues, message) -> {
      String key = message.shardingKey();
      return queues.get(key == null ? 0 : Math.floorMod(key.hashCode(), queues.size()));
    };
  }
}
