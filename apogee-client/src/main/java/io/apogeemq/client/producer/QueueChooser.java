package io.apogeemq.client.producer;

import io.apogeemq.client.internal.LatencyFaultTable;
import io.apogeemq.client.message.MessageQueue;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin queue choice for sends without a selector (semantics.md §1.3): the next queue whose
 * broker differs from the one the previous attempt of the same send used and, with fault
 * avoidance, is outside its penalty window; failing that any available broker, failing that the
 * next queue.
 *
 * <p>Thread-safe: one atomic counter.
 */
final class QueueChooser {

  private final AtomicInteger counter = new AtomicInteger(ThreadLocalRandom.current().nextInt());
  private final LatencyFaultTable faults;
  private final boolean faultAvoidance;

  QueueChooser(LatencyFaultTable faults, boolean faultAvoidance) {
    this.faults = faults;
    this.faultAvoidance = faultAvoidance;
  }

  /** @param avoidBroker broker of the previous attempt, or {@code null} on the first attempt */
  MessageQueue choose(List<MessageQueue> queues, String avoidBroker) {
    int n = queues.size();
    int start = counter.getAndIncrement() & Integer.MAX_VALUE;
    if (avoidBroker == null && !faultAvoidance) {
      return queues.get(start % n);
    }
    MessageQueue fallback = null;
    for (int i = 0; i < n; i++) {
      MessageQueue q = queues.get((start + i) % n);
      boolean available = !faultAvoidance || faults.isAvailable(q.brokerName());
      if (available && !q.brokerName().equals(avoidBroker)) {
        return q;
      }
      if (available && fallback == null) {
        fallback = q;
      }
    }
    return fallback != null ? fallback : queues.get(start % n);
  }
}
