package io.apogeemq.client.consumer;

import io.apogeemq.client.ClientException;
import io.apogeemq.client.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clustering offsets: kept in memory, written to the queue's master with oneway
 * {@code UPDATE_CONSUMER_OFFSET} by the periodic persister and synchronously when a queue is
 * given up or the consumer stops (semantics.md §5.3). Thread-safe.
 */
final class RemoteOffsetStore extends CachedOffsetStore {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteOffsetStore.class);

  private final String group;
  private final ConsumerBrokerApi api;

  RemoteOffsetStore(String group, ConsumerBrokerApi api) {
    this.group = group;
    this.api = api;
  }

  @Override
  public long read(MessageQueue queue) {
    long stored = api.queryOffset(group, queue);
    if (stored >= 0) {
      update(queue, stored);
    }
    return stored;
  }

  @Override
  public void persist(Iterable<MessageQueue> queues) {
    for (MessageQueue q : queues) {
      Long offset = cached(q);
      if (offset != null) {
        try {
          api.updateOffsetOneway(group, q, offset);
        } catch (ClientException e) {
          LOG.warn("committing offset {} of group {} on {} failed: {}", offset, group, q,
              e.getMessage());
        }
      }
    }
  }

  @Override
  public void persistNow(MessageQueue queue) {
    Long offset = cached(queue);
    if (offset != null) {
      try {
        api.updateOffsetSync(group, queue, offset);
      } catch (ClientException e) {
        LOG.warn("committing offset {} of group {} on {} failed: {}", offset, group, queue,
            e.getMessage());
      }
    }
  }
}
