package io.apogeemq.store.timer;

/**
 * One unit of the {@link TimerLog}: a message due at {@code dueMs}, stored at
 * {@code commitLogOffset} ({@code size} bytes) and enqueued from offset {@code queueOffset} of the
 * timer queue.
 *
 * @param pos position of this entry in the timer log
 * @param prevPos position of the previous entry of the same wheel slot, -1 for none
 */
public record TimerEntry(long pos, long dueMs, long commitLogOffset, int size, long prevPos,
    long queueOffset) implements Comparable<TimerEntry> {

  /** Delivery order: due time, then log position (the order of enqueueing). */
  @Override
  public int compareTo(TimerEntry o) {
    int c = Long.compare(dueMs, o.dueMs);
    return c != 0 ? c : Long.compare(pos, o.pos);
  }
}
