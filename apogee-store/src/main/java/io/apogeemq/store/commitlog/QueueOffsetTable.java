package io.apogeemq.store.commitlog;

import java.util.HashMap;
import java.util.Map;

/**
 * Next queue offset to assign per (topic, queueId) — the "topic-queue table" of storage.md §3.4.
 *
 * <p>Not thread-safe: used only under the CommitLog append lock (and by recovery before appends
 * start). Lookups allocate nothing: topic → array indexed by queue id.
 */
final class QueueOffsetTable {

  private final Map<String, long[]> table = new HashMap<>();

  long next(String topic, int queueId) {
    long[] q = table.get(topic);
    return q == null || queueId >= q.length ? 0 : q[queueId];
  }

  void set(String topic, int queueId, long next) {
    long[] q = table.get(topic);
    if (q == null || queueId >= q.length) {
      long[] grown = new long[Math.max(queueId + 1, q == null ? 8 : q.length * 2)];
      if (q != null) {
        System.arraycopy(q, 0, grown, 0, q.length);
      }
      table.put(topic, grown);
      q = grown;
    }
    q[queueId] = next;
  }

  void clear() {
    table.clear();
  }
}
