package io.apogeemq.store.bench;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.FlushDiskType;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.LocalMessageStore;
import io.apogeemq.store.PutStatus;
import io.apogeemq.store.StoreConfig;
import io.apogeemq.store.TagFilter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;

/**
 * Side-by-side store benchmark: Apogee's {@link LocalMessageStore} vs Apache RocketMQ 5.3.3's
 * {@code DefaultMessageStore}, in one JVM, with equal settings (segment sizes, flush type, index
 * geometry, 1 KiB bodies with TAGS and KEYS). Appends with 1 and 4 threads, ASYNC_FLUSH and
 * SYNC_FLUSH, then sequential reads; each scenario runs for both stores back to back, twice, in
 * alternating order; the tables report medians. Allocation per message is measured on the appending threads with
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes} around the put call only,
 * and for the whole JVM (all live threads) over the measurement window.
 *
 * <p>Run with the command in {@code docs/benchmarks-store.md}; arguments: measure seconds (4),
 * warm-up seconds (1), repetitions (3).
 */
public final class StoreBenchmark {

  static final int SEGMENT = 256 * 1024 * 1024;
  static final int BODY = 1024;
  static final String TOPIC = "BenchTopic";
  static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Appends each appender thread keeps in flight (a broker serves many producers at once and
   * acknowledges each request when its flush completes); fourth argument, default 256, the same
   * for both stores.
   */
  static int window = 256;

  interface Store extends AutoCloseable {
    /** Completes with 0 = stored and flushed as required, 1 = stored but flush timed out. */
    java.util.concurrent.CompletableFuture<Integer> put(int queue, byte[] body, String tag,
        String keys);

    /** Reads a queue sequentially from 0; returns messages read within the time budget. */
    long readAll(int queue, long deadlineNanos);

    @Override
    void close();
  }

  record Result(String store, String flush, int threads, double msgsPerSec,
      double allocPerMsgAppendThreads, double allocPerMsgJvm) {}

  public static void main(String[] args) throws Exception {
    int measure = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    window = args.length > 3 ? Integer.parseInt(args[3]) : window;
    // Profiling aids only; reported runs use both stores and both flush types.
    String[] impls = System.getProperty("bench.stores", "apogee,rocketmq").split(",");
    String[] flushes = System.getProperty("bench.flush", "ASYNC_FLUSH,SYNC_FLUSH").split(",");
    System.out.printf(Locale.ROOT, "window %d appends in flight per thread%n", window);
    Path base = Files.createTempDirectory("apogee-store-bench");
    List<Result> results = new ArrayList<>();
    Map<String, List<Double>> reads = new LinkedHashMap<>();
    try {
      for (String impl : impls) {
        Path dir = base.resolve(impl + "-warmup");
        Store store = open(impl, dir, "ASYNC_FLUSH");
        try {
          Result r = runAppends(impl, store, "ASYNC_FLUSH", 4, warmup, warmup * 3);
          runAppends(impl, store, "ASYNC_FLUSH", 1, 0, warmup * 2);
          System.out.printf(Locale.ROOT, "%-8s warm-up %,12.0f msg/s (discarded)%n", impl,
              r.msgsPerSec);
          store.readAll(0, System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup));
        } finally {
          store.close();
          deleteTree(dir);
        }
      }
      for (String flush : flushes) {
        for (int threads : new int[] {1, 4}) {
          for (int rep = 0; rep < reps; rep++) {
            String[] order = impls.clone();
            if (rep % 2 == 1) {
              java.util.Collections.reverse(java.util.Arrays.asList(order));
            }
            for (String impl : order) {
              Path dir = base.resolve(impl + "-" + flush + "-" + threads + "-" + rep);
              Store store = open(impl, dir, flush);
              try {
                Result r = runAppends(impl, store, flush, threads, warmup, measure);
                results.add(r);
                System.out.printf(Locale.ROOT, "%-8s %-11s threads=%d  %,12.0f msg/s  "
                        + "alloc/msg append-threads=%,8.0f B  jvm=%,8.0f B%n", r.store, r.flush,
                    r.threads, r.msgsPerSec, r.allocPerMsgAppendThreads, r.allocPerMsgJvm);
                if (flush.equals("ASYNC_FLUSH") && threads == 1) {
                  Thread.sleep(1500);
                  long start = System.nanoTime();
                  long n = store.readAll(0, start + TimeUnit.SECONDS.toNanos(measure));
                  double rate = n / ((System.nanoTime() - start) / 1e9);
                  reads.computeIfAbsent(impl, k -> new ArrayList<>()).add(rate);
                  System.out.printf(Locale.ROOT, "%-8s sequential read %,12.0f msg/s (%d msgs)%n",
                      impl, rate, n);
                }
              } finally {
                store.close();
                deleteTree(dir);
              }
            }
          }
        }
      }
    } finally {
      deleteTree(base);
    }
    if (impls.length < 2 || flushes.length < 2) {
      return;
    }
    System.out.println();
    System.out.println("| scenario | Apogee msg/s | RocketMQ msg/s | ratio | Apogee B/msg (append thr / JVM)"
        + " | RocketMQ B/msg (append thr / JVM) |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (String flush : new String[] {"ASYNC_FLUSH", "SYNC_FLUSH"}) {
      for (int threads : new int[] {1, 4}) {
        Result a = mean(results, "apogee", flush, threads);
        Result b = mean(results, "rocketmq", flush, threads);
        System.out.printf(Locale.ROOT, "| append %s, %d thread(s) | %,.0f | %,.0f | %.2fx | %,.0f / %,.0f"
                + " | %,.0f / %,.0f |%n", flush, threads, a.msgsPerSec, b.msgsPerSec,
            a.msgsPerSec / b.msgsPerSec, a.allocPerMsgAppendThreads, a.allocPerMsgJvm,
            b.allocPerMsgAppendThreads, b.allocPerMsgJvm);
      }
    }
    double ra = median(reads.get("apogee").stream().mapToDouble(d -> d));
    double rb = median(reads.get("rocketmq").stream().mapToDouble(d -> d));
    System.out.printf(Locale.ROOT, "| sequential read (32/batch) | %,.0f | %,.0f | %.2fx | | |%n",
        ra, rb, ra / rb);
    for (String impl : new String[] {"apogee", "rocketmq"}) {
      double sync4 = mean(results, impl, "SYNC_FLUSH", 4).msgsPerSec;
      double async4 = mean(results, impl, "ASYNC_FLUSH", 4).msgsPerSec;
      System.out.printf(Locale.ROOT, "%s: SYNC_FLUSH/ASYNC_FLUSH at 4 threads = %.0f%%%n", impl,
          100 * sync4 / async4);
    }
  }

  static Result mean(List<Result> all, String impl, String flush, int threads) {
    List<Result> m = all.stream().filter(r -> r.store.equals(impl) && r.flush.equals(flush)
        && r.threads == threads).toList();
    return new Result(impl, flush, threads, median(m.stream().mapToDouble(Result::msgsPerSec)),
        median(m.stream().mapToDouble(Result::allocPerMsgAppendThreads)),
        median(m.stream().mapToDouble(Result::allocPerMsgJvm)));
  }

  static double median(java.util.stream.DoubleStream values) {
    double[] v = values.sorted().toArray();
    if (v.length == 0) {
      return 0;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static Result runAppends(String impl, Store store, String flush, int threads, int warmup,
      int measure) throws Exception {
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder count = new LongAdder();
    LongAdder allocated = new LongAdder();
    LongAdder attempts = new LongAdder();
    LongAdder failures = new LongAdder();
    LongAdder flushTimeouts = new LongAdder();
    CountDownLatch done = new CountDownLatch(threads);
    byte[] body = new byte[BODY];
    for (int t = 0; t < threads; t++) {
      int queue = t;
      java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(window);
      Thread th = new Thread(() -> {
        long seq = 0;
        while (!stop.get()) {
          String keys = "k" + queue + "-" + seq++;
          inFlight.acquireUninterruptibly();
          long before = THREADS.getCurrentThreadAllocatedBytes();
          java.util.concurrent.CompletableFuture<Integer> f = store.put(queue, body, "TagA", keys);
          long after = THREADS.getCurrentThreadAllocatedBytes();
          if (measuring.get()) {
            allocated.add(after - before);
            attempts.increment();
          }
          f.whenComplete((status, e) -> {
            if (status == null || status < 0) {
              failures.increment();
            } else if (measuring.get()) {
              count.increment();
              if (status == 1) {
                flushTimeouts.increment();
              }
            }
            inFlight.release();
          });
        }
        inFlight.acquireUninterruptibly(window);
        done.countDown();
      }, "bench-appender-" + t);
      th.start();
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
    long jvmBefore = jvmAllocated();
    long start = System.nanoTime();
    measuring.set(true);
    Thread.sleep(TimeUnit.SECONDS.toMillis(measure));
    measuring.set(false);
    long elapsed = System.nanoTime() - start;
    long jvmAfter = jvmAllocated();
    stop.set(true);
    done.await(30, TimeUnit.SECONDS);
    long n = count.sum();
    if (failures.sum() > 0) {
      throw new IllegalStateException(impl + ": " + failures.sum() + " appends failed");
    }
    if (flushTimeouts.sum() > 0) {
      System.out.printf(Locale.ROOT, "%s %s threads=%d: %d of %d appends stored with"
          + " FLUSH_DISK_TIMEOUT%n", impl, flush, threads, flushTimeouts.sum(), count.sum());
    }
    return new Result(impl, flush, threads, n / (elapsed / 1e9),
        (double) allocated.sum() / attempts.sum(),
        (double) (jvmAfter - jvmBefore) / n);
  }

  static long jvmAllocated() {
    long[] ids = THREADS.getAllThreadIds();
    long sum = 0;
    for (long b : THREADS.getThreadAllocatedBytes(ids)) {
      if (b > 0) {
        sum += b;
      }
    }
    return sum;
  }

  static Store open(String impl, Path dir, String flush) throws Exception {
    return impl.equals("apogee") ? new ApogeeStore(dir, flush) : new RocketStore(dir, flush);
  }

  static final class ApogeeStore implements Store {
    private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1",
        10911));
    private final LocalMessageStore store;

    ApogeeStore(Path dir, String flush) throws Exception {
      store = LocalMessageStore.open(StoreConfig.builder(dir).mappedFileSizeCommitLog(SEGMENT)
          .flushDiskType(FlushDiskType.valueOf(flush)).maxHashSlotNum(500_000)
          .maxIndexNum(2_000_000).build());
    }

    @Override
    public java.util.concurrent.CompletableFuture<Integer> put(int queue, byte[] body,
        String tag, String keys) {
      String props = "TAGS\u0001" + tag + "\u0002KEYS\u0001" + keys + "\u0002";
      AppendMessage m = new AppendMessage(TOPIC, queue, 0, body, props, 0,
          System.currentTimeMillis(), HOST, HOST, 0, 0, true);
      return store.append(m).thenApply(r -> r.status() == PutStatus.PUT_OK ? 0
          : r.status() == PutStatus.FLUSH_DISK_TIMEOUT ? 1 : -1);
    }

    @Override
    public long readAll(int queue, long deadlineNanos) {
      long offset = 0;
      long n = 0;
      long sink = 0;
      while (System.nanoTime() < deadlineNanos) {
        try (GetResult r = store.getMessages(TOPIC, queue, offset, 32, 1 << 20, TagFilter.ALL)) {
          if (r.messages().isEmpty()) {
            break;
          }
          for (var s : r.messages()) {
            sink += s.buffer().getInt(0);
          }
          n += r.messages().size();
          offset = r.nextBeginOffset();
        }
      }
      return sink == 42 ? n + 1 : n;
    }

    @Override
    public void close() {
      store.close();
    }
  }

  static final class RocketStore implements Store {
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);
    private final DefaultMessageStore store;

    RocketStore(Path dir, String flush) throws Exception {
      MessageStoreConfig c = new MessageStoreConfig();
      c.setStorePathRootDir(dir.toString());
      c.setStorePathCommitLog(dir.resolve("commitlog").toString());
      c.setMappedFileSizeCommitLog(SEGMENT);
      c.setFlushDiskType(flush);
      c.setMaxHashSlotNum(500_000);
      c.setMaxIndexNum(2_000_000);
      BrokerConfig bc = new BrokerConfig();
      store = new DefaultMessageStore(c, new BrokerStatsManager("bench", true), null, bc,
          new ConcurrentHashMap<>());
      if (!store.load()) {
        throw new IllegalStateException("RocketMQ store did not load");
      }
      store.start();
    }

    @Override
    public java.util.concurrent.CompletableFuture<Integer> put(int queue, byte[] body,
        String tag, String keys) {
      MessageExtBrokerInner m = new MessageExtBrokerInner();
      m.setTopic(TOPIC);
      m.setQueueId(queue);
      m.setBody(body);
      m.setTags(tag);
      m.setKeys(keys);
      m.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(tag));
      m.setBornTimestamp(System.currentTimeMillis());
      m.setBornHost(HOST);
      m.setStoreHost(HOST);
      m.setPropertiesString(MessageDecoder.messageProperties2String(m.getProperties()));
      return store.asyncPutMessage(m).thenApply(StoreBenchmark::rocketStatus);
    }

    @Override
    public long readAll(int queue, long deadlineNanos) {
      long offset = 0;
      long n = 0;
      long sink = 0;
      while (System.nanoTime() < deadlineNanos) {
        GetMessageResult r = store.getMessage("g", TOPIC, queue, offset, 32, null);
        try {
          if (r == null || r.getMessageCount() == 0) {
            break;
          }
          for (ByteBuffer b : r.getMessageBufferList()) {
            sink += b.getInt(0);
          }
          n += r.getMessageCount();
          offset = r.getNextBeginOffset();
        } finally {
          if (r != null) {
            r.release();
          }
        }
      }
      return sink == 42 ? n + 1 : n;
    }

    @Override
    public void close() {
      store.shutdown();
      store.destroy();
    }
  }

  static int rocketStatus(PutMessageResult r) {
    return switch (r.getPutMessageStatus()) {
      case PUT_OK -> 0;
      case FLUSH_DISK_TIMEOUT -> 1;
      default -> -1;
    };
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("cannot delete " + p + ": " + e);
    }
  }

  private StoreBenchmark() {}
}
