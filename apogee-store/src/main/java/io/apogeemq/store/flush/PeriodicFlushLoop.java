package io.apogeemq.store.flush;

import io.apogeemq.common.lifecycle.ServiceLoop;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The duty cycle shared by the periodic flushers: every {@code intervalMillis} one round, which is
 * <em>thorough</em> when at least {@code thoroughMillis} have passed since the last thorough round
 * (storage.md §12.1, §12.3); one {@link #finalRound()} after {@link #stop()}.
 *
 * <p>Subclasses decide what a normal and a thorough round flush. Thread-safety: owns one thread
 * (named by the subclass); rounds run only on it.
 */
abstract class PeriodicFlushLoop extends ServiceLoop {

  private final long intervalNanos;
  private final long thoroughNanos;
  private final LongSupplier nanoClock;

  /**
   * @param nanoClock monotonic time source ({@code System::nanoTime} in production)
   */
  PeriodicFlushLoop(String threadPrefix, int intervalMillis, int thoroughMillis,
      LongSupplier nanoClock) {
    super(threadPrefix);
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.thoroughNanos = TimeUnit.MILLISECONDS.toNanos(thoroughMillis);
    this.nanoClock = nanoClock;
  }

  @Override
  protected final void runLoop() {
    long lastThorough = nanoClock.getAsLong();
    while (isRunning()) {
      idle(intervalNanos);
      long now = nanoClock.getAsLong();
      boolean thorough = now - lastThorough >= thoroughNanos;
      if (thorough) {
        lastThorough = now;
      }
      round(thorough);
    }
    finalRound();
  }

  /** One periodic round; {@code thorough} asks to flush regardless of thresholds. */
  protected abstract void round(boolean thorough);

  /** Runs once on the loop's thread after it was stopped; nothing by default. */
  protected void finalRound() {}
}
