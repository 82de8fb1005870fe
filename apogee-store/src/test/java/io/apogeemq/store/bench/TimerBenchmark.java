package io.apogeemq.store.bench;

import io.apogeemq.store.timer.TimerEntry;
import io.apogeemq.store.timer.TimerStore;
import io.apogeemq.store.timer.TimerStoreConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Timer scale benchmark, driving {@link TimerStore} directly (no network, no CommitLog: an entry
 * stands for a message already stored, and "delivery" is taking it from the timer, which is what
 * the broker's timer thread does before its re-put).
 *
 * <ol>
 *   <li>Schedules {@code N} entries (default 10,000,000) due uniformly over the hour starting 10 s
 *       from now; reports the rate, the heap in use after a GC and the disk used.
 *   <li>Then schedules 100,000 entries due within {@code burstMs} (default 5,000 ms, i.e. 20,000
 *       deliveries/s) of the same minute, 10 s ahead, and runs the delivery loop as the broker
 *       does (sleep until the next due time, take everything due): reports the lateness
 *       (delivery time − due time) p50/p99/max of those 100,000 and the delivery rate reached.
 *       Background entries of phase 1 due meanwhile (about N / 3600 per second, plus any backlog
 *       if scheduling took longer than 10 s) are delivered by the same loop and counted.
 * </ol>
 *
 * <p>Run: see {@code docs/benchmarks-timer.md}. Arguments: {@code [N] [burstMs] [dir]}.
 */
public final class TimerBenchmark {

  private TimerBenchmark() {}

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    long burstMs = args.length > 1 ? Long.parseLong(args[1]) : 5_000;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("timer-bench");
    try {
      run(n, burstMs, dir);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(long n, long burstMs, Path dir) throws Exception {
    TimerStoreConfig cfg = TimerStoreConfig.forMaxDelay(1000, 3 * 86_400_000L);
    long start = System.currentTimeMillis();
    SplittableRandom rnd = new SplittableRandom(42);
    long q = 0;
    try (TimerStore timer = TimerStore.open(dir, cfg, start)) {
      long windowStart = start + 10_000;
      long t0 = System.nanoTime();
      for (; q < n; q++) {
        long due = windowStart + rnd.nextLong(3_600_000);
        if (!timer.add(due, q * 1024, 1024, q)) {
          throw new IllegalStateException("wheel slot busy at " + q);
        }
      }
      timer.checkpoint(false);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long wheelBytes = Files.size(dir.resolve("wheel"));
      System.out.printf("scheduled %,d entries due over 1 h in %.1f s (%,.0f/s); heap used after "
          + "GC %.1f MiB (max heap %.0f MiB); disk: timer log %.1f MiB + wheel %.1f MiB%n", n, secs,
          n / secs, heap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
          timer.logBytes() / 1048576.0, wheelBytes / 1048576.0);

      int burst = 100_000;
      long burstStart = System.currentTimeMillis() + 10_000;
      long[] dueOf = new long[burst];
      long burstFirstQ = q;
      for (int i = 0; i < burst; i++, q++) {
        dueOf[i] = burstStart + i * burstMs / burst;
        timer.add(dueOf[i], q * 1024, 1024, q);
      }
      long[] late = new long[burst];
      int got = 0;
      long background = 0;
      long burstEnd = burstStart + burstMs;
      long lastDelivery = 0;
      while (got < burst) {
        long now = System.currentTimeMillis();
        TimerEntry e;
        while ((e = timer.peekDue(now)) != null) {
          long idx = e.queueOffset() - burstFirstQ;
          if (idx >= 0) {
            late[(int) idx] = now - dueOf[(int) idx];
            got++;
            lastDelivery = now;
          } else {
            background++;
          }
          timer.delivered(e);
        }
        long wake = timer.nextWakeMs(now);
        long sleep = wake - System.currentTimeMillis();
        if (sleep > 0) {
          LockSupport.parkNanos(sleep * 1_000_000L);
        }
      }
      Arrays.sort(late);
      System.out.printf("burst: %,d entries due within %d ms (%,d/s planned), plus %,d background "
          + "entries due meanwhile; lateness p50 %d ms, p99 %d ms, max %d ms; last delivered "
          + "%d ms after the last due time%n", burst, burstMs, burst * 1000 / burstMs, background,
          late[burst / 2], late[burst * 99 / 100], late[burst - 1], lastDelivery - burstEnd);
    }
  }
}
