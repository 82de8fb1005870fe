package io.apogeemq.store.timer;

/**
 * One unit of the {@link TimerLog}: a message due at {@code dueMs}, stored at
 * {@code commitLogOffset} ({@code size} bytes) and enqueued from offset {@code queueOffset} of the
 * timer queue.
 *
 * <p>A <b>cancellation marker</b> (a message carrying {@code TIMER_DEL_UNIQKEY}) is an entry
 * whose {@code size} is negated: it is due at the start of its time slot and, among entries due
 * the same millisecond, comes first, so it is seen before any entry of its slot is delivered.
 *
 * @param pos position of this entry in the timer log
 * @param size the record size in the CommitLog, negated for a cancellation marker
 * @param prevPos position of the previous entry of the same wheel slot, -1 for none
 */
public record TimerEntry(long pos, long dueMs, long commitLogOffset, int size, long prevPos,
    long queueOffset) implements Comparable<TimerEntry> {

  /** Whether this entry cancels others of its slot rather than being delivered itself. */
  public boolean cancelMarker() {
    return size < 0;
  }

  /** The size of the record in the CommitLog. */
  public int recordSize() {
    return Math.abs(size);
  }

  /** Delivery order: due time, then cancellation markers first, then log position. */
  @Override
  public int compareTo(TimerEntry o) {
    int c = Long.compare(dueMs, o.dueMs);
    if (c != 0) {
      return c;
    }
    if (cancelMarker() != o.cancelMarker()) {
      return cancelMarker() ? -1 : 1;
    }
    return Long.compare(pos, o.pos);
  }
}
