package io.apogeemq.broker.reset;

import io.apogeemq.store.MessageStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * Computes where a group's offsets on a topic go when an admin resets them (codes.md §5.13, the
 * 4.9 behaviour): per queue, the target is the first offset stored at or after the timestamp (the
 * end of the queue for timestamp {@code -1}, or the explicit offset of a single-queue request,
 * clamped to the queue's range); the new offset is the target when forced or when it lies before
 * the committed offset, else the committed offset stays. A queue the group never committed gets
 * the target.
 *
 * <p>Pure apart from reading the thread-safe store; thread-safe.
 */
final class OffsetResetPlanner {

  private final MessageStore store;

  OffsetResetPlanner(MessageStore store) {
    this.store = store;
  }

  /**
   * @param queueCount the topic's queues (ids 0..queueCount-1) when the request names none
   * @param committed the group's committed offset of a queue
   * @return queue id → new offset, in queue order
   */
  Map<Integer, Long> plan(ResetOffsetHeader h, int queueCount, IntFunction<OptionalLong> committed) {
    Map<Integer, Long> out = new LinkedHashMap<>();
    int from = h.queueId() >= 0 ? h.queueId() : 0;
    int to = h.queueId() >= 0 ? h.queueId() + 1 : queueCount;
    for (int q = from; q < to; q++) {
      long target = target(h, q);
      OptionalLong current = committed.apply(q);
      boolean move = h.force() || current.isEmpty() || target < current.getAsLong();
      out.put(q, move ? target : current.getAsLong());
    }
    return out;
  }

  private long target(ResetOffsetHeader h, int queueId) {
    long min = store.minOffset(h.topic(), queueId);
    long max = store.maxOffset(h.topic(), queueId);
    long t;
    if (h.queueId() >= 0 && h.offset() >= 0) {
      t = h.offset();
    } else if (h.timestamp() == -1) {
      t = max;
    } else {
      t = store.offsetForTimestamp(h.topic(), queueId, h.timestamp());
    }
    return Math.max(min, Math.min(max, t));
  }
}
