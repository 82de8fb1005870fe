package io.apogeemq.broker.offset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Committed consumer offsets: for each {@code topic@group}, queue id → next offset to consume.
 *
 * <p>Thread-safety: lock-free; commits and queries may come from any thread. {@link #version()}
 * increases with every change, so a persister can skip writes when nothing changed.
 */
public final class ConsumerOffsetTable {

  /** Separator between topic and group in keys and in the persisted file. */
  public static final char KEY_SEPARATOR = '@';

  private final Map<String, Map<Integer, Long>> table = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();

  public static String key(String topic, String group) {
    return topic + KEY_SEPARATOR + group;
  }

  /** Stores {@code offset} as the group's committed offset of the queue. Negative offsets are refused. */
  public void commit(String group, String topic, int queueId, long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative commit offset " + offset + " for group " + group
          + " topic " + topic + " queue " + queueId);
    }
    Long previous = table.computeIfAbsent(key(topic, group), k -> new ConcurrentHashMap<>())
        .put(queueId, offset);
    if (previous == null || previous != offset) {
      version.incrementAndGet();
    }
  }

  public OptionalLong query(String group, String topic, int queueId) {
    Map<Integer, Long> queues = table.get(key(topic, group));
    Long offset = queues == null ? null : queues.get(queueId);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /** The offsets of one group on one topic (queue id → offset), a copy. */
  public Map<Integer, Long> offsets(String group, String topic) {
    Map<Integer, Long> queues = table.get(key(topic, group));
    return queues == null ? Map.of() : Map.copyOf(queues);
  }

  /** Forgets every offset of {@code group}; returns whether it had any. */
  public boolean removeGroup(String group) {
    boolean removed = table.keySet().removeIf(k -> k.endsWith(KEY_SEPARATOR + group)
        && k.length() > group.length() + 1);
    if (removed) {
      version.incrementAndGet();
    }
    return removed;
  }

  /** Forgets every offset on {@code topic}; returns whether there were any. */
  public boolean removeTopic(String topic) {
    boolean removed = table.keySet().removeIf(k -> k.startsWith(topic + KEY_SEPARATOR));
    if (removed) {
      version.incrementAndGet();
    }
    return removed;
  }

  public List<String> keys() {
    return List.copyOf(table.keySet());
  }

  /** A consistent-enough copy for persisting (each queue map copied on its own). */
  public Map<String, Map<Integer, Long>> snapshot() {
    Map<String, Map<Integer, Long>> copy = new HashMap<>();
    table.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    return copy;
  }

  /** Replaces the content (at load). */
  void restore(Map<String, Map<Integer, Long>> loaded) {
    table.clear();
    loaded.forEach((k, v) -> table.put(k, new ConcurrentHashMap<>(v)));
    version.incrementAndGet();
  }

  public long version() {
    return version.get();
  }
}
