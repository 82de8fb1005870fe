package io.apogeemq.client.consumer;

import io.apogeemq.client.ClientException;
import io.apogeemq.client.message.MessageQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clustering offsets: kept in memory, written to the queue's master with oneway
 * {@code UPDATE_CONSUMER_OFFSET} by the periodic persister and synchronously when a queue is
 * given up or the consumer stops (semantics.md §5.3). Thread-safe.
 */
final class RemoteOffsetStore implements OffsetStore {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteOffsetStore.class);

  private final String group;
  private final ConsumerBrokerApi api;
  private final ConcurrentHashMap<MessageQueue, Long> offsets = new ConcurrentHashMap<>();

  RemoteOffsetStore(String group, ConsumerBrokerApi api) {
    this.group = group;
    this.api = api;
  }

  @Override
  public void update(MessageQueue queue, long offset) {
    if (offset >= 0) {
      offsets.merge(queue, offset, Math::max);
    }
  }

  @Override
  public void reset(MessageQueue queue, long offset) {
    offsets.put(queue, offset);
  }

  @Override
  public long current(MessageQueue queue) {
    return offsets.getOrDefault(queue, -1L);
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
      Long offset = offsets.get(q);
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
    Long offset = offsets.get(queue);
    if (offset != null) {
      try {
        api.updateOffsetSync(group, queue, offset);
      } catch (ClientException e) {
        LOG.warn("committing offset {} of group {} on {} failed: {}", offset, group, queue,
            e.getMessage());
      }
    }
  }

  @Override
  public void remove(MessageQueue queue) {
    offsets.remove(queue);
  }

  @Override
  public Map<MessageQueue, Long> snapshot() {
    return Map.copyOf(offsets);
  }
}
