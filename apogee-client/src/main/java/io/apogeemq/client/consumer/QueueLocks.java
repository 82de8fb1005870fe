package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An orderly consumer's broker locks (semantics.md §8.1-8.2): locks a newly assigned queue before
 * it is consumed, re-locks every assigned queue periodically (one {@code LOCK_BATCH_MQ} per broker
 * group, to its master), marks queues the broker did not lock as lost, and unlocks queues given
 * up. A failed request is logged with the broker's address and counts as "not locked".
 *
 * <p>Thread-safe (stateless besides the collaborators); the calls block, so they run on the
 * client's scheduler or the consume pool, never on an I/O thread.
 */
final class QueueLocks {

  private static final Logger LOG = LoggerFactory.getLogger(QueueLocks.class);

  private final String group;
  private final ConsumerBrokerApi api;

  QueueLocks(String group, ConsumerBrokerApi api) {
    this.group = group;
    this.api = api;
  }

  /** The queues the brokers locked for this member among {@code queues}. */
  Set<MessageQueue> lock(Collection<MessageQueue> queues) {
    Set<MessageQueue> granted = new HashSet<>();
    for (Map.Entry<String, List<MessageQueue>> e : byBroker(queues).entrySet()) {
      String address = null;
      try {
        address = api.master(e.getValue().get(0));
        Set<MessageQueue> locked = api.lock(group, address, e.getValue());
        locked.retainAll(e.getValue());
        granted.addAll(locked);
      } catch (RuntimeException ex) {
        LOG.warn("group {}: locking {} queue(s) of broker {} at {} failed: {}", group,
            e.getValue().size(), e.getKey(), address, ex.getMessage());
      }
    }
    return granted;
  }

  /** Renews the locks of {@code owned}; marks each process queue locked or lost. */
  void relock(Map<MessageQueue, ProcessQueue> owned) {
    if (owned.isEmpty()) {
      return;
    }
    Set<MessageQueue> granted = lock(owned.keySet());
    long now = System.nanoTime();
    for (Map.Entry<MessageQueue, ProcessQueue> e : owned.entrySet()) {
      if (granted.contains(e.getKey())) {
        e.getValue().lockGranted(now);
      } else if (e.getValue().lockValid(now)) {
        LOG.warn("group {}: broker did not renew the lock of {}; its consumption pauses", group,
            e.getKey());
        e.getValue().lockLost();
      } else {
        e.getValue().lockLost();
      }
    }
  }

  /** Releases this member's locks on {@code queues} (errors logged: the lock expires anyway). */
  void unlock(Collection<MessageQueue> queues) {
    for (Map.Entry<String, List<MessageQueue>> e : byBroker(queues).entrySet()) {
      String address = null;
      try {
        address = api.master(e.getValue().get(0));
        api.unlock(group, address, e.getValue());
      } catch (RuntimeException ex) {
        LOG.warn("group {}: unlocking {} queue(s) of broker {} at {} failed (they expire after "
            + "60 s): {}", group, e.getValue().size(), e.getKey(), address, ex.getMessage());
      }
    }
  }

  private static Map<String, List<MessageQueue>> byBroker(Collection<MessageQueue> queues) {
    Map<String, List<MessageQueue>> m = new LinkedHashMap<>();
    for (MessageQueue q : queues) {
      m.computeIfAbsent(q.brokerName(), b -> new java.util.ArrayList<>()).add(q);
    }
    return m;
  }
}
