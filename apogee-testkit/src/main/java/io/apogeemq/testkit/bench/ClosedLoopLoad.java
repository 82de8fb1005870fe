package io.apogeemq.testkit.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: {@code threads} threads each call one operation again and again until the
 * round's time is up, and record every call's latency. Each thread owns its histogram (no shared
 * state on the measured path); they are merged after all threads have ended.
 *
 * <p>The first failure of any thread stops every thread and is rethrown (as the cause of an
 * {@link IllegalStateException}) once they have all ended. Stateless and thread-safe; the threads
 * it starts are named {@code <name>-<n>} and are all joined before {@link #run} returns.
 */
public final class ClosedLoopLoad {

  /** One call of the measured operation; throws to stop the round. */
  @FunctionalInterface
  public interface Operation {
    void call() throws Exception;
  }

  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

  private ClosedLoopLoad() {}

  /** Runs {@code op} on {@code threads} threads for {@code duration}. */
  public static LoadResult run(String name, int threads, Duration duration, Operation op)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    Histogram[] histograms = new Histogram[threads];
    long[] counts = new long[threads];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>(threads);
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Histogram h = new Histogram(1, HIGHEST_NANOS, 3);
      histograms[id] = h;
      Thread w = new Thread(() -> {
        long n = 0;
        try {
          while (System.nanoTime() < end && failure.get() == null) {
            long s = System.nanoTime();
            op.call();
            h.recordValue(Math.min(HIGHEST_NANOS, Math.max(1, System.nanoTime() - s)));
            n++;
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        counts[id] = n;
      }, name + "-" + t);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    long stop = System.nanoTime();
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
    Histogram all = new Histogram(1, HIGHEST_NANOS, 3);
    long total = 0;
    for (int t = 0; t < threads; t++) {
      all.add(histograms[t]);
      total += counts[t];
    }
    return new LoadResult(total, start, stop, all);
  }
}
