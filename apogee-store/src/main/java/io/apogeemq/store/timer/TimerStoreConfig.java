package io.apogeemq.store.timer;

/**
 * Sizes of a {@link TimerStore}.
 *
 * @param precisionMs length of a time slot (when a slot's chain is loaded; delivery is exact)
 * @param wheelSlots slots of the wheel; must exceed (max delay + delivery lag) / precision
 * @param logSegmentBytes timer log segment size, a multiple of {@link TimerLog#ENTRY_SIZE}
 * @param maxPending entries held in heap at most (loaded slots)
 */
public record TimerStoreConfig(long precisionMs, int wheelSlots, long logSegmentBytes,
    int maxPending) {

  public TimerStoreConfig {
    if (precisionMs <= 0 || wheelSlots <= 0 || maxPending <= 0) {
      throw new IllegalArgumentException("timer store sizes must be positive: precision "
          + precisionMs + " ms, " + wheelSlots + " slots, " + maxPending + " pending");
    }
    if (logSegmentBytes <= 0 || logSegmentBytes % TimerLog.ENTRY_SIZE != 0) {
      throw new IllegalArgumentException("timer log segment size " + logSegmentBytes
          + " is not a positive multiple of " + TimerLog.ENTRY_SIZE);
    }
  }

  /**
   * A wheel of twice the maximum delay (so an undelivered slot is never reused), 40 MiB log
   * segments and up to 1,000,000 entries in heap.
   */
  public static TimerStoreConfig forMaxDelay(long precisionMs, long maxDelayMs) {
    long slots = 2 * (maxDelayMs / precisionMs + 2);
    if (slots * TimerWheel.SLOT_SIZE > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a max delay of " + maxDelayMs + " ms at a precision of "
          + precisionMs + " ms needs too many wheel slots (" + slots + ")");
    }
    return new TimerStoreConfig(precisionMs, (int) slots, 1_048_576L * TimerLog.ENTRY_SIZE,
        1_000_000);
  }
}
