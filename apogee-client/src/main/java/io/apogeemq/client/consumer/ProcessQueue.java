package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pulled but not yet consumed messages of one assigned queue (semantics.md §7.3-7.4), with the
 * counters flow control reads, and the pull position.
 *
 * <p>The committed offset derived from it is always the lowest unconsumed offset: the smallest
 * offset still held, or one past the highest offset ever held when none is.
 *
 * <p>Thread-safe: the pull loop adds, consume threads remove; both under this object's monitor
 * (held only for map operations, never across I/O). {@code dropped} and {@code nextOffset} are
 * volatile.
 *
 * <p>Orderly consumption (semantics.md §8) adds: the broker lock state (granted / lost, and when
 * it was last renewed: a lock not renewed for 30 s is considered lost), a consume lock that the
 * one running listener call of this queue holds (rebalance takes it before giving the queue up),
 * a flag saying a consume task is scheduled, and local failure counts per offset.
 */
final class ProcessQueue {

  private final MessageQueue queue;
  private final TreeMap<Long, ReceivedMessage> held = new TreeMap<>();
  private long bytes;
  private long highestHeld = -1;
  private volatile long nextOffset;
  private volatile boolean dropped;
  private volatile long lastPullNanos = System.nanoTime();

  /** A broker lock not renewed for this long is considered lost (official: 30 s). */
  static final long LOCK_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);
  private final ReentrantLock consumeLock = new ReentrantLock();
  private final AtomicBoolean taskScheduled = new AtomicBoolean();
  private final Map<Long, Integer> localFailures = new HashMap<>();
  private volatile boolean locked;
  private volatile long lastLockNanos;

  ProcessQueue(MessageQueue queue, long startOffset) {
    this.queue = queue;
    this.nextOffset = startOffset;
  }

  MessageQueue queue() {
    return queue;
  }

  long nextOffset() {
    return nextOffset;
  }

  void nextOffset(long offset) {
    this.nextOffset = offset;
  }

  boolean isDropped() {
    return dropped;
  }

  void drop() {
    dropped = true;
  }

  void markPulled() {
    lastPullNanos = System.nanoTime();
  }

  long lastPullNanos() {
    return lastPullNanos;
  }

  // ------------------------------------------------------------------ orderly

  /** The broker granted (or renewed) this member's lock on the queue at {@code nowNanos}. */
  void lockGranted(long nowNanos) {
    lastLockNanos = nowNanos;
    locked = true;
  }

  /** The broker did not renew the lock. */
  void lockLost() {
    locked = false;
  }

  /** Locked on the broker, and renewed less than 30 s ago. */
  boolean lockValid(long nowNanos) {
    return locked && nowNanos - lastLockNanos < LOCK_TTL_NANOS;
  }

  /** Held by the running listener call of this queue (orderly). */
  ReentrantLock consumeLock() {
    return consumeLock;
  }

  /** Claims the right to schedule this queue's consume task; false when one is scheduled. */
  boolean claimTask() {
    return taskScheduled.compareAndSet(false, true);
  }

  /** The scheduled consume task ended. */
  void releaseTask() {
    taskScheduled.set(false);
  }

  /**
   * The first {@code max} held messages in offset order (left held until {@link #remove}), each
   * with {@code reconsumeTimes} raised by its local failures.
   */
  synchronized List<ReceivedMessage> firstHeld(int max) {
    List<ReceivedMessage> out = new ArrayList<>(Math.min(max, held.size()));
    for (ReceivedMessage m : held.values()) {
      if (out.size() == max) {
        break;
      }
      Integer failures = localFailures.get(m.queueOffset());
      out.add(failures == null ? m : m.withReconsumeTimes(m.reconsumeTimes() + failures));
    }
    return out;
  }

  /** Counts one more local failure of the held message at {@code offset}. */
  synchronized void countFailure(long offset) {
    localFailures.merge(offset, 1, Integer::sum);
  }

  synchronized void add(List<ReceivedMessage> messages) {
    for (ReceivedMessage m : messages) {
      if (held.put(m.queueOffset(), m) == null) {
        bytes += m.body().length;
      }
      highestHeld = Math.max(highestHeld, m.queueOffset());
    }
  }

  /** Removes consumed messages; returns the offset to commit, or -1 when nothing was ever held. */
  synchronized long remove(List<ReceivedMessage> messages) {
    for (ReceivedMessage m : messages) {
      if (held.remove(m.queueOffset()) != null) {
        bytes -= m.body().length;
      }
      if (!localFailures.isEmpty()) {
        localFailures.remove(m.queueOffset());
      }
    }
    return committableOffset();
  }

  /** The lowest unconsumed offset, or -1 when nothing was ever held. */
  synchronized long committableOffset() {
    if (!held.isEmpty()) {
      return held.firstKey();
    }
    return highestHeld < 0 ? -1 : highestHeld + 1;
  }

  synchronized int count() {
    return held.size();
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized boolean isEmpty() {
    return held.isEmpty();
  }

  /** Highest minus lowest held offset; 0 when fewer than two are held. */
  synchronized long span() {
    return held.size() < 2 ? 0 : held.lastKey() - held.firstKey();
  }
}
