package io.apogeemq.client.bench;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.client.consumer.ConsumeResult;
import io.apogeemq.client.consumer.PushConsumer;
import io.apogeemq.client.consumer.PushConsumerConfig;
import io.apogeemq.client.consumer.StartPosition;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.testkit.OfficialRocketMq;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * Apogee client vs the official 5.3.3 client on the same official broker, in one run: sync and
 * async send throughput with p99, push-consumer throughput, client CPU per message and live
 * threads of one producer plus one consumer. Rounds alternate Apogee/official.
 *
 * <pre>
 * mvn -B -ntp -q -pl apogee-client -am test-compile -Dmaven.test.skip.exec=true
 * mvn -B -ntp -q -pl apogee-client exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.apogeemq.client.bench.ClientBenchmark -Dexec.args="2 8 4 1024 100000"
 * </pre>
 * Arguments: rounds, seconds per send phase, sending threads, body bytes, messages to consume
 * (default 100,000), phases (default {@code sync,async,batch,consume,threads}).
 * Writes a markdown table to stdout and to {@code target/client-benchmark.md}.
 */
public final class ClientBenchmark {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * One phase's result. Consume phases: {@code msgsPerSec} is the steady-state rate (after the
   * first fifth), {@code wholeRunMsgsPerSec} the rate from consumer start (start-up included).
   */
  record Figures(double msgsPerSec, double p99Micros, double cpuMicrosPerMsg,
      double wholeRunMsgsPerSec) {
    Figures(double msgsPerSec, double p99Micros, double cpuMicrosPerMsg) {
      this(msgsPerSec, p99Micros, cpuMicrosPerMsg, msgsPerSec);
    }
  }

  private final OfficialRocketMq cluster;
  private final int seconds;
  private final int threads;
  private final byte[] body;

  private ClientBenchmark(OfficialRocketMq cluster, int seconds, int threads, int bodyBytes) {
    this.cluster = cluster;
    this.seconds = seconds;
    this.threads = threads;
    this.body = new byte[bodyBytes];
    java.util.Arrays.fill(body, (byte) 'x');
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int bodyBytes = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
    int consumeCount = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
    java.util.Set<String> phases = java.util.Set.of(
        (args.length > 5 ? args[5] : "sync,async,batch,consume,threads").split(","));
    StringBuilder md = new StringBuilder();
    try (OfficialRocketMq cluster = OfficialRocketMq.start()) {
      ClientBenchmark b = new ClientBenchmark(cluster, seconds, threads, bodyBytes);
      String topic = "bench-" + System.currentTimeMillis();
      b.apogeeSync(topic, 2); // warm-up: creates the topic, loads classes
      b.officialSync(topic, 2);
      List<Figures> as = new ArrayList<>(), os = new ArrayList<>(), aa = new ArrayList<>(),
          oa = new ArrayList<>(), ac = new ArrayList<>(), oc = new ArrayList<>(),
          ab = new ArrayList<>(), ob = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        System.out.println("round " + r);
        Figures none = new Figures(0, 0, 0);
        boolean sync = phases.contains("sync"), async = phases.contains("async"),
            batch = phases.contains("batch"), consume = phases.contains("consume");
        as.add(sync ? b.apogeeSync(topic, seconds) : none);
        os.add(sync ? b.officialSync(topic, seconds) : none);
        aa.add(async ? b.apogeeAsync(topic) : none);
        oa.add(async ? b.officialAsync(topic) : none);
        ab.add(batch ? b.apogeeAsyncBatched(topic) : none);
        ob.add(batch ? b.officialAsyncBatched(topic) : none);
        if (consume) {
          String ct = topic + "-c" + r;
          b.preload(ct, consumeCount);
          // alternate which client goes first: the second reads a topic the first just paged in
          if (r % 2 == 0) {
            ac.add(b.apogeeConsume(ct, consumeCount));
            oc.add(b.officialConsume(ct, consumeCount));
          } else {
            oc.add(b.officialConsume(ct, consumeCount));
            ac.add(b.apogeeConsume(ct, consumeCount));
          }
        } else {
          ac.add(none);
          oc.add(none);
        }
      }
      boolean threadPhase = phases.contains("threads");
      int[] apogeeThreads = threadPhase ? b.apogeeThreads(topic) : new int[] {0};
      int[] officialThreads = threadPhase ? b.officialThreads(topic) : new int[] {0};
      md.append("| measure | Apogee | official 5.3.3 | ratio |\n|---|---:|---:|---:|\n");
      row(md, "sync send msg/s (" + threads + " threads)", best(as).msgsPerSec(), best(os).msgsPerSec());
      row(md, "sync send p99 µs", best(as).p99Micros(), best(os).p99Micros());
      row(md, "sync send client CPU µs/msg", best(as).cpuMicrosPerMsg(), best(os).cpuMicrosPerMsg());
      row(md, "async send msg/s (1024 in flight)", best(aa).msgsPerSec(), best(oa).msgsPerSec());
      row(md, "async send p99 µs", best(aa).p99Micros(), best(oa).p99Micros());
      row(md, "async send client CPU µs/msg", best(aa).cpuMicrosPerMsg(), best(oa).cpuMicrosPerMsg());
      row(md, "async send msg/s, auto-batching on (both)", best(ab).msgsPerSec(), best(ob).msgsPerSec());
      row(md, "async send p99 µs, auto-batching on", best(ab).p99Micros(), best(ob).p99Micros());
      row(md, "async send client CPU µs/msg, auto-batching on", best(ab).cpuMicrosPerMsg(), best(ob).cpuMicrosPerMsg());
      row(md, "push consume msg/s, steady state (last 80% of " + consumeCount + " msgs)",
          best(ac).msgsPerSec(), best(oc).msgsPerSec());
      row(md, "push consume msg/s, whole run (start-up included)",
          best(ac).wholeRunMsgsPerSec(), best(oc).wholeRunMsgsPerSec());
      row(md, "consume client CPU µs/msg, steady state", best(ac).cpuMicrosPerMsg(),
          best(oc).cpuMicrosPerMsg());
      row(md, "live threads, 1 producer + 1 consumer", apogeeThreads[0], officialThreads[0]);
      md.append("\nRounds: ").append(rounds).append(" (best of each; all rounds below), ")
          .append(seconds).append(" s per send phase, body ").append(bodyBytes).append(" B.\n\n");
      md.append("All rounds (msg/s): sync A ").append(list(as)).append(" / O ").append(list(os))
          .append("; async A ").append(list(aa)).append(" / O ").append(list(oa))
          .append("; async batched A ").append(list(ab)).append(" / O ").append(list(ob))
          .append("; consume (steady) A ").append(list(ac)).append(" / O ").append(list(oc))
          .append("; consume CPU µs/msg A ").append(cpuList(ac)).append(" / O ").append(cpuList(oc))
          .append('\n');
      md.append("Consumers: ").append(CONSUME_THREADS).append(" consume threads, listener batch ")
          .append(CONSUME_BATCH).append(", pull batch ").append(PULL_BATCH).append(" (both).\n");
    }
    System.out.println(md);
    Path out = Path.of("target", "client-benchmark.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.exit(0);
  }

  private static Figures best(List<Figures> l) {
    return l.stream().max(java.util.Comparator.comparingDouble(Figures::msgsPerSec)).orElseThrow();
  }

  private static String list(List<Figures> l) {
    return l.stream().map(f -> String.format(Locale.ROOT, "%.0f", f.msgsPerSec())).toList().toString();
  }

  private static String cpuList(List<Figures> l) {
    return l.stream().map(f -> String.format(Locale.ROOT, "%.1f", f.cpuMicrosPerMsg())).toList().toString();
  }

  private static void row(StringBuilder md, String name, double apogee, double official) {
    md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", name, apogee, official,
        official == 0 ? 0 : apogee / official));
  }

  private ApogeeClient apogeeClient() {
    return ApogeeClient.start(ClientConfig.builder().namesrv(cluster.namesrvAddress())
        .clientIp("127.0.0.1").build());
  }

  private DefaultMQProducer officialProducer() throws Exception {
    DefaultMQProducer p = new DefaultMQProducer("bench-official-pg");
    p.setNamesrvAddr(cluster.namesrvAddress());
    p.setInstanceName("bench-" + System.nanoTime());
    p.start();
    return p;
  }

  interface SyncSend {
    void send() throws Exception;
  }

  private Figures runSync(int secs, SyncSend send) throws Exception {
    Recorder rec = new Recorder(3);
    AtomicLong count = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(secs);
    long cpu0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    List<Thread> ts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          long s = System.nanoTime();
          try {
            send.send();
            rec.recordValue((System.nanoTime() - s) / 1000);
            count.incrementAndGet();
          } catch (Exception e) {
            // counted as not sent
          }
        }
      }, "bench-sync-" + i);
      ts.add(t);
      t.start();
    }
    for (Thread t : ts) {
      t.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long cpu = OS.getProcessCpuTime() - cpu0;
    Histogram h = rec.getIntervalHistogram();
    return new Figures(count.get() / elapsed, h.getValueAtPercentile(99),
        cpu / 1000.0 / Math.max(1, count.get()));
  }

  private Figures apogeeSync(String topic, int secs) throws Exception {
    try (ApogeeClient c = apogeeClient(); Producer p = c.producer("bench-apogee-pg")) {
      Message m = Message.builder(topic).body(body).build();
      p.send(m);
      return runSync(secs, () -> p.send(m));
    }
  }

  private Figures officialSync(String topic, int secs) throws Exception {
    DefaultMQProducer p = officialProducer();
    try {
      warmUp(p, topic);
      return runSync(secs, () -> p.send(new org.apache.rocketmq.common.message.Message(topic, body)));
    } finally {
      p.shutdown();
    }
  }

  interface AsyncSend {
    void send(Runnable done, Recorder rec, long start);
  }

  private Figures runAsync(AsyncSend send) throws Exception {
    Recorder rec = new Recorder(3);
    Semaphore window = new Semaphore(1024);
    AtomicLong count = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long cpu0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    while (System.nanoTime() < end) {
      window.acquire();
      long s = System.nanoTime();
      send.send(() -> {
        count.incrementAndGet();
        window.release();
      }, rec, s);
    }
    window.acquire(1024);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long cpu = OS.getProcessCpuTime() - cpu0;
    return new Figures(count.get() / elapsed, rec.getIntervalHistogram().getValueAtPercentile(99),
        cpu / 1000.0 / Math.max(1, count.get()));
  }

  private Figures apogeeAsync(String topic) throws Exception {
    try (ApogeeClient c = apogeeClient(); Producer p = c.producer("bench-apogee-pg")) {
      Message m = Message.builder(topic).body(body).build();
      p.send(m);
      return runAsync((done, rec, s) -> p.sendAsync(m).whenComplete((r, e) -> {
        if (e == null) {
          rec.recordValue((System.nanoTime() - s) / 1000);
        }
        done.run();
      }));
    }
  }

  /** Apogee auto-batching: 5 ms linger, 256 KiB, no count bound that matters (as the official). */
  private Figures apogeeAsyncBatched(String topic) throws Exception {
    try (ApogeeClient c = apogeeClient(); Producer p = c.producer(
        io.apogeemq.client.producer.ProducerConfig.defaults("bench-apogee-pg").withAutoBatching(
            io.apogeemq.client.producer.AutoBatching.ofBytes(java.time.Duration.ofMillis(5),
                256 * 1024)))) {
      Message m = Message.builder(topic).body(body).build();
      p.send(m);
      return runAsync((done, rec, s) -> p.sendAsync(m).whenComplete((r, e) -> {
        if (e == null) {
          rec.recordValue((System.nanoTime() - s) / 1000);
        }
        done.run();
      }));
    }
  }

  /** The official 5.x auto-batching with the same bounds (5 ms, 256 KiB). */
  private Figures officialAsyncBatched(String topic) throws Exception {
    return officialAsync(topic, true);
  }

  private Figures officialAsync(String topic) throws Exception {
    return officialAsync(topic, false);
  }

  private Figures officialAsync(String topic, boolean autoBatch) throws Exception {
    DefaultMQProducer p = officialProducer();
    if (autoBatch) {
      p.setAutoBatch(true);
      p.batchMaxDelayMs(5);
      p.batchMaxBytes(256 * 1024);
    }
    try {
      warmUp(p, topic);
      return runAsync((done, rec, s) -> {
        try {
          p.send(new org.apache.rocketmq.common.message.Message(topic, body), new SendCallback() {
            @Override
            public void onSuccess(org.apache.rocketmq.client.producer.SendResult r) {
              rec.recordValue((System.nanoTime() - s) / 1000);
              done.run();
            }

            @Override
            public void onException(Throwable e) {
              done.run();
            }
          });
        } catch (Exception e) {
          done.run();
        }
      });
    } finally {
      p.shutdown();
    }
  }

  private void preload(String topic, int n) throws Exception {
    try (ApogeeClient c = apogeeClient(); Producer p = c.producer(
        io.apogeemq.client.producer.ProducerConfig.defaults("bench-preload").withAutoBatching(
            io.apogeemq.client.producer.AutoBatching.ofBytes(java.time.Duration.ofMillis(5),
                256 * 1024)))) {
      Semaphore window = new Semaphore(2048);
      Message m = Message.builder(topic).body(body).build();
      p.send(m);
      AtomicLong failed = new AtomicLong();
      java.util.concurrent.atomic.AtomicReference<Throwable> firstError =
          new java.util.concurrent.atomic.AtomicReference<>();
      for (int i = 1; i < n; i++) {
        window.acquire();
        p.sendAsync(m).whenComplete((r, e) -> {
          if (e != null) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e);
          }
          window.release();
        });
      }
      window.acquire(2048);
      for (long i = 0; i < failed.get(); i++) {
        p.send(m);
      }
      System.out.println("preloaded " + n + " messages into " + topic + " (" + failed.get()
          + " async sends failed and were re-sent; first error: " + firstError.get() + ")");
    }
  }

  /** Consume threads, listener batch size and pull batch size of both push consumers. */
  static final int CONSUME_THREADS = 4;
  static final int CONSUME_BATCH = 1;
  static final int PULL_BATCH = 32;

  /**
   * Counts consumed messages and marks the moment the first {@code n/5} were consumed: the
   * steady-state rate and CPU per message are taken from there to the last one, leaving start-up,
   * route lookup and the first rebalance out.
   */
  private static final class ConsumeMeter {
    private final int total;
    private final int warm;
    private final CountDownLatch all;
    private final AtomicLong seen = new AtomicLong();
    private volatile long warmNanos;
    private volatile long warmCpu;
    private final long t0 = System.nanoTime();
    private final long cpu0 = OS.getProcessCpuTime();

    ConsumeMeter(int total) {
      this.total = total;
      this.warm = total / 5;
      this.all = new CountDownLatch(total);
    }

    void consumed() {
      if (seen.incrementAndGet() == warm) {
        warmNanos = System.nanoTime();
        warmCpu = OS.getProcessCpuTime();
      }
      all.countDown();
    }

    Figures await(String who) throws InterruptedException {
      if (!all.await(180, TimeUnit.SECONDS)) {
        System.out.println(who + " consumer got " + (total - all.getCount()) + " of " + total);
      }
      long end = System.nanoTime();
      long cpu = OS.getProcessCpuTime();
      long done = total - all.getCount();
      double wholeRate = done / ((end - t0) / 1e9);
      if (warmNanos == 0 || done < total) {
        return new Figures(0, 0, (cpu - cpu0) / 1000.0 / Math.max(1, done), wholeRate);
      }
      long steady = total - warm;
      return new Figures(steady / ((end - warmNanos) / 1e9), 0,
          (cpu - warmCpu) / 1000.0 / steady, wholeRate);
    }
  }

  private Figures apogeeConsume(String topic, int n) throws Exception {
    ConsumeMeter meter = new ConsumeMeter(n);
    try (ApogeeClient c = apogeeClient();
         PushConsumer pc = c.pushConsumer(PushConsumerConfig.builder("bench-apogee-cg-" + System.nanoTime())
             .subscribe(topic, "*").start(StartPosition.first()).consumeThreads(CONSUME_THREADS)
             .batchSize(CONSUME_BATCH).pullBatchSize(PULL_BATCH).build(), batch -> {
               batch.forEach(x -> meter.consumed());
               return ConsumeResult.SUCCESS;
             })) {
      Figures f = meter.await("apogee");
      if (f.msgsPerSec() == 0) {
        System.out.println("apogee: held " + pc.heldMessages() + ", offsets " + pc.committedOffsets());
      }
      return f;
    }
  }

  private Figures officialConsume(String topic, int n) throws Exception {
    ConsumeMeter meter = new ConsumeMeter(n);
    long t0 = System.nanoTime();
    DefaultMQPushConsumer pc = new DefaultMQPushConsumer("bench-official-cg-" + t0);
    pc.setNamesrvAddr(cluster.namesrvAddress());
    pc.setInstanceName("bench-" + t0);
    pc.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    pc.setConsumeThreadMin(CONSUME_THREADS);
    pc.setConsumeThreadMax(CONSUME_THREADS);
    pc.setConsumeMessageBatchMaxSize(CONSUME_BATCH);
    pc.setPullBatchSize(PULL_BATCH);
    pc.subscribe(topic, "*");
    pc.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(x -> meter.consumed());
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    pc.start();
    try {
      return meter.await("official");
    } finally {
      pc.shutdown();
    }
  }

  /** The first send: the NameServer may need a moment to list a just auto-created topic. */
  private void warmUp(DefaultMQProducer p, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        p.send(new org.apache.rocketmq.common.message.Message(topic, body));
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(1_000);
      }
    }
  }

  private static java.util.Set<Thread> liveThreads() throws InterruptedException {
    Thread.sleep(500);
    return new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
  }

  /** Live threads now that were not alive in {@code before} (threads of earlier phases still
   * exiting do not lower the count, as a plain difference of counts would). */
  private static int started(java.util.Set<Thread> before) throws InterruptedException {
    java.util.Set<Thread> now = liveThreads();
    now.removeAll(before);
    now.removeIf(t -> !t.isAlive());
    System.out.println("threads started: " + now.stream().map(Thread::getName).sorted().toList());
    return now.size();
  }

  /** Threads added by one Apogee producer + one push consumer after both did some work. */
  private int[] apogeeThreads(String topic) throws Exception {
    java.util.Set<Thread> before = liveThreads();
    try (ApogeeClient c = apogeeClient(); Producer p = c.producer("bench-threads-pg")) {
      CountDownLatch got = new CountDownLatch(10);
      try (PushConsumer pc = c.pushConsumer(PushConsumerConfig.builder("bench-threads-cg")
          .subscribe(topic, "*").build(), batch -> {
            batch.forEach(x -> got.countDown());
            return ConsumeResult.SUCCESS;
          })) {
        Thread.sleep(3_000);
        for (int i = 0; i < 50; i++) {
          p.send(Message.builder(topic).body(body).build());
        }
        got.await(30, TimeUnit.SECONDS);
        return new int[] {started(before)};
      }
    }
  }

  private int[] officialThreads(String topic) throws Exception {
    java.util.Set<Thread> before = liveThreads();
    DefaultMQProducer p = officialProducer();
    warmUp(p, topic);
    DefaultMQPushConsumer pc = new DefaultMQPushConsumer("bench-threads-official-cg");
    pc.setNamesrvAddr(cluster.namesrvAddress());
    pc.subscribe(topic, "*");
    CountDownLatch got = new CountDownLatch(10);
    pc.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(x -> got.countDown());
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    pc.start();
    try {
      Thread.sleep(3_000);
      for (int i = 0; i < 50; i++) {
        p.send(new org.apache.rocketmq.common.message.Message(topic, body));
      }
      got.await(30, TimeUnit.SECONDS);
      return new int[] {started(before)};
    } finally {
      pc.shutdown();
      p.shutdown();
    }
  }
}
