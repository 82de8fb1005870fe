package io.apogeemq.store.bench;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.LocalMessageStore;
import io.apogeemq.store.StoreConfig;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.timer.TimerEntry;
import io.apogeemq.store.timer.TimerStore;
import io.apogeemq.store.timer.TimerStoreConfig;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * <p>Mode {@code reput} makes delivery what the broker's timer thread does: the 100,000 burst
 * messages are real records parked in a {@link LocalMessageStore} (timer topic, with
 * {@code REAL_TOPIC}/{@code REAL_QID}/{@code TIMER_OUT_MS}), and each due entry is read back from
 * the CommitLog, decoded, rewritten for its real topic ({@code REAL_*} removed,
 * {@code TIMER_DEQUEUE_MS} added) and appended with {@code MessageStore.append}, waiting for the
 * store's answer before the next one. The 10 M background entries point at 1,000 parked records
 * used in turn (writing 10 M real messages would take longer than the run), so each background
 * delivery costs a real read, decode and append too. Lateness is then measured when the append
 * has been acknowledged.
 *
 * <p>Run: see {@code docs/benchmarks-timer.md}. Arguments: {@code [N] [burstMs] [dir] [timer|reput]}.
 */
public final class TimerBenchmark {

  private TimerBenchmark() {}

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    long burstMs = args.length > 1 ? Long.parseLong(args[1]) : 5_000;
    Path dir = args.length > 2 && !args[2].equals("-") ? Path.of(args[2])
        : Files.createTempDirectory("timer-bench");
    boolean reput = args.length > 3 && args[3].equals("reput");
    try {
      if (reput) {
        try (Reput r = new Reput(dir.resolve("store"))) {
          run(n, burstMs, dir.resolve("timer"), r);
        }
      } else {
        run(n, burstMs, dir, null);
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A CommitLog holding parked messages and the re-put the broker's timer thread does. */
  private static final class Reput implements AutoCloseable {
    private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1",
        10911));
    private final LocalMessageStore store;
    private final long[] background = new long[1000];
    /** CommitLog offsets of the burst's parked messages (stored before the clock starts). */
    final long[] burst = new long[100_000];
    private long appended;

    Reput(Path dir) throws Exception {
      store = LocalMessageStore.open(StoreConfig.builder(dir).build());
      long t0 = System.nanoTime();
      for (int i = 0; i < background.length; i++) {
        background[i] = park("bg-" + i, 0);
      }
      for (int i = 0; i < burst.length; i++) {
        burst[i] = park("burst-" + i, 0);
      }
      System.out.printf("parked %,d messages in the CommitLog in %.1f s%n",
          background.length + burst.length, (System.nanoTime() - t0) / 1e9);
    }

    /** Stores a parked message (as the send path does) and returns its CommitLog offset. */
    long park(String uniqKey, long dueMs) throws Exception {
      Map<String, String> props = new LinkedHashMap<>();
      props.put(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqKey);
      props.put(PropertyKeys.TAGS, "TagA");
      props.put(PropertyKeys.REAL_TOPIC, "BenchTimerT");
      props.put(PropertyKeys.REAL_QUEUE_ID, Integer.toString(uniqKey.hashCode() & 7));
      props.put(PropertyKeys.TIMER_OUT_MS, Long.toString(dueMs));
      AppendMessage m = new AppendMessage("rmq_sys_wheel_timer", 0, 0, new byte[256],
          MessageProperties.encode(props), 0, System.currentTimeMillis(), HOST, HOST, 0, 0, true);
      AppendResult r = store.append(m).get(10, TimeUnit.SECONDS);
      return r.physicalOffset();
    }

    long backgroundOffset(long q) {
      return background[(int) (q % background.length)];
    }

    /** What the broker does for one due entry: read, decode, rewrite, append, wait. */
    void deliver(TimerEntry e, long now) throws Exception {
      MessageRecord parked;
      try (SegmentSlice slice = store.getByPhysicalOffset(e.commitLogOffset())) {
        parked = MessageRecordCodec.decode(slice.buffer().duplicate(), false);
      }
      Map<String, String> props = MessageProperties.decode(parked.properties());
      String topic = props.remove(PropertyKeys.REAL_TOPIC);
      int queueId = Integer.parseInt(props.remove(PropertyKeys.REAL_QUEUE_ID));
      props.put(PropertyKeys.TIMER_DEQUEUE_MS, Long.toString(now));
      AppendMessage real = new AppendMessage(topic, queueId, parked.flag(), parked.body(),
          MessageProperties.encode(props), parked.sysFlag(), parked.bornTimestamp(),
          parked.bornHost(), parked.storeHost(), parked.reconsumeTimes(),
          parked.preparedTransactionOffset(), true);
      AppendResult r = store.append(real).get(5, TimeUnit.SECONDS);
      if (!r.status().isStored()) {
        throw new IllegalStateException("re-put failed: " + r.status());
      }
      appended++;
    }

    @Override
    public void close() {
      store.close();
    }
  }

  private static void run(long n, long burstMs, Path dir, Reput reput) throws Exception {
    TimerStoreConfig cfg = TimerStoreConfig.forMaxDelay(1000, 3 * 86_400_000L);
    long start = System.currentTimeMillis();
    SplittableRandom rnd = new SplittableRandom(42);
    long q = 0;
    try (TimerStore timer = TimerStore.open(dir, cfg, start)) {
      long windowStart = start + 10_000;
      long t0 = System.nanoTime();
      for (; q < n; q++) {
        long due = windowStart + rnd.nextLong(3_600_000);
        long at = reput == null ? q * 1024 : reput.backgroundOffset(q);
        if (!timer.add(due, at, 300, q)) {
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
      long[] parkedAt = reput == null ? null : reput.burst;
      long burstStart = System.currentTimeMillis() + 10_000;
      long[] dueOf = new long[burst];
      long burstFirstQ = q;
      for (int i = 0; i < burst; i++, q++) {
        dueOf[i] = burstStart + i * burstMs / burst;
        timer.add(dueOf[i], reput == null ? q * 1024 : parkedAt[i], 300, q);
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
          if (reput != null) {
            reput.deliver(e, now);
            now = System.currentTimeMillis();
          }
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
      System.out.printf("%s burst: %,d entries due within %d ms (%,d/s planned), plus %,d background "
          + "entries due meanwhile; lateness p50 %d ms, p99 %d ms, max %d ms; last delivered "
          + "%d ms after the last due time%n", reput == null ? "[timer only]"
          : "[with re-put to the CommitLog]", burst, burstMs, burst * 1000 / burstMs, background,
          late[burst / 2], late[burst * 99 / 100], late[burst - 1], lastDelivery - burstEnd);
    }
  }
}
