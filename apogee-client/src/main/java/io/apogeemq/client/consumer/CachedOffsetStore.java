package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory half of an {@link OffsetStore}: the consumed offset per queue, which only moves
 * forward on {@link #update} and is set outright on {@link #reset}. Subclasses say where offsets
 * are read from and persisted to (the broker, or a local file).
 *
 * <p>Thread-safe: a concurrent map.
 */
abstract class CachedOffsetStore implements OffsetStore {

  private final ConcurrentHashMap<MessageQueue, Long> offsets = new ConcurrentHashMap<>();

  @Override
  public final void update(MessageQueue queue, long offset) {
    if (offset >= 0) {
      offsets.merge(queue, offset, Math::max);
    }
  }

  @Override
  public final void reset(MessageQueue queue, long offset) {
    offsets.put(queue, offset);
  }

  @Override
  public final long current(MessageQueue queue) {
    return offsets.getOrDefault(queue, -1L);
  }

  @Override
  public final void remove(MessageQueue queue) {
    offsets.remove(queue);
  }

  @Override
  public final Map<MessageQueue, Long> snapshot() {
    return Map.copyOf(offsets);
  }

  /** The cached offset of {@code queue}, or null when none was recorded. */
  final Long cached(MessageQueue queue) {
    return offsets.get(queue);
  }
}
