package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import java.util.List;
import java.util.TreeMap;

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
 */
final class ProcessQueue {

  private final MessageQueue queue;
  private final TreeMap<Long, ReceivedMessage> held = new TreeMap<>();
  private long bytes;
  private long highestHeld = -1;
  private volatile long nextOffset;
  private volatile boolean dropped;
  private volatile long lastPullNanos = System.nanoTime();

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
