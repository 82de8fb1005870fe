package io.apogeemq.store.dispatch;

/**
 * Told when a consume queue got a new entry, so parked long-polling pulls can be answered. Called
 * on the dispatch thread: implementations must return quickly and never block.
 */
@FunctionalInterface
public interface MessageArrivalListener {

  /**
   * @param nextQueueOffset the queue's new max offset (the new entry's offset + 1)
   */
  void arrived(String topic, int queueId, long nextQueueOffset, long tagsCode,
      long storeTimestamp);
}
