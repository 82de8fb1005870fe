package io.apogeemq.broker.bench;

import io.apogeemq.broker.bench.BenchBrokers.Broker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Side-by-side benchmark of the send path: the Apogee broker and the official Apache RocketMQ
 * 5.3.3 broker, each in its own child JVM ({@link BenchBrokers}), driven by the official 5.3.3
 * producer from this JVM.
 *
 * <ol>
 *   <li>Sync send: {@code threads} threads share one {@code DefaultMQProducer} and send
 *       {@code size}-byte messages to topic {@code SendT} (4 queues) for {@code seconds} seconds;
 *       messages/s and per-send latency (p50, p99, max). A 3 s warm-up precedes each broker's
 *       first round. Rounds alternate Apogee / official, so both see the same machine load.</li>
 *   <li>Batch send: the same, each send a batch of 32 messages; messages/s.</li>
 *   <li>RSS of both broker JVMs at the end.</li>
 * </ol>
 *
 * <pre>args: [seconds=10] [threads=8] [size=1024] [rounds=3]</pre>
 *
 * Not run by the build; see docs/benchmarks-broker-send.md for the command.
 */
public final class SendBenchmark {

  private static final String TOPIC = "SendT";
  private static final int BATCH = 32;
  private static final int MAX_SAMPLES_PER_THREAD = 2_000_000;

  record Round(double msgsPerSecond, long p50Nanos, long p99Nanos, long maxNanos) {}

  public static void main(String[] args) throws Exception {
    int seconds = arg(args, 0, 10);
    int threads = arg(args, 1, 8);
    int size = arg(args, 2, 1024);
    int rounds = arg(args, 3, 3);
    System.out.printf(Locale.ROOT, "seconds=%d threads=%d size=%d rounds=%d cores=%d%n", seconds,
        threads, size, rounds, Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("apogee-send-bench");
    List<Broker> brokers = new ArrayList<>();
    List<DefaultMQProducer> producers = new ArrayList<>();
    try {
      brokers.add(BenchBrokers.apogee(dir.resolve("apogee")));
      brokers.add(BenchBrokers.official(dir.resolve("official")));
      for (Broker b : brokers) {
        DefaultMQProducer p = producer(b);
        producers.add(p);
        run(p, threads, size, 3, 1);
      }
      Round[][] single = new Round[2][rounds];
      Round[][] batch = new Round[2][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < brokers.size(); i++) {
          single[i][r] = run(producers.get(i), threads, size, seconds, 1);
          System.out.printf(Locale.ROOT, "round %d %s sync: %.0f msg/s p50 %.2f ms p99 %.2f ms%n",
              r + 1, brokers.get(i).name(), single[i][r].msgsPerSecond(),
              single[i][r].p50Nanos() / 1e6, single[i][r].p99Nanos() / 1e6);
        }
        for (int i = 0; i < brokers.size(); i++) {
          batch[i][r] = run(producers.get(i), threads, size, seconds, BATCH);
          System.out.printf(Locale.ROOT, "round %d %s batch: %.0f msg/s%n", r + 1,
              brokers.get(i).name(), batch[i][r].msgsPerSecond());
        }
      }
      System.out.println();
      System.out.println("| broker | sync msg/s | sync p50 ms | sync p99 ms | batch(32) msg/s"
          + " | RSS MiB |");
      System.out.println("|---|---|---|---|---|---|");
      for (int i = 0; i < brokers.size(); i++) {
        Round s = median(single[i]);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.0f | %d |%n",
            brokers.get(i).name(), s.msgsPerSecond(), s.p50Nanos() / 1e6, s.p99Nanos() / 1e6,
            median(batch[i]).msgsPerSecond(), brokers.get(i).jvm().rssKb() / 1024);
      }
      System.out.printf(Locale.ROOT, "ratio apogee/official: sync throughput %.2f, sync p99 %.2f,"
          + " batch throughput %.2f%n",
          median(single[0]).msgsPerSecond() / median(single[1]).msgsPerSecond(),
          (double) median(single[0]).p99Nanos() / median(single[1]).p99Nanos(),
          median(batch[0]).msgsPerSecond() / median(batch[1]).msgsPerSecond());
    } finally {
      producers.forEach(DefaultMQProducer::shutdown);
      for (Broker b : brokers) {
        b.close();
      }
      BenchBrokers.deleteTree(dir);
    }
  }

  private static DefaultMQProducer producer(Broker b) throws Exception {
    DefaultMQProducer p = new DefaultMQProducer("bench-send-pg");
    p.setNamesrvAddr(b.namesrv().addr());
    p.setInstanceName("bench-send-" + b.name() + "-" + System.nanoTime());
    p.setVipChannelEnabled(false);
    p.setSendMsgTimeout(10_000);
    p.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
    p.start();
    return p;
  }

  /** {@code threads} threads send for {@code seconds}; batch size 1 is a single-message send. */
  private static Round run(DefaultMQProducer p, int threads, int size, int seconds, int batchSize)
      throws Exception {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long[][] samples = new long[threads][];
    int[] counts = new int[threads];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> {
        long[] lat = new long[1024];
        int n = 0;
        try {
          while (System.nanoTime() < end && failure.get() == null) {
            long s = System.nanoTime();
            SendStatus status;
            if (batchSize == 1) {
              status = p.send(new Message(TOPIC, "T", body)).getSendStatus();
            } else {
              List<Message> batch = new ArrayList<>(batchSize);
              for (int i = 0; i < batchSize; i++) {
                batch.add(new Message(TOPIC, "T", body));
              }
              status = p.send(batch).getSendStatus();
            }
            if (status != SendStatus.SEND_OK) {
              throw new IllegalStateException("send status " + status);
            }
            if (n == lat.length && n < MAX_SAMPLES_PER_THREAD) {
              lat = Arrays.copyOf(lat, n * 2);
            }
            if (n < lat.length) {
              lat[n++] = System.nanoTime() - s;
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        samples[id] = lat;
        counts[id] = n;
      }, "bench-send-" + t);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("send failed", failure.get());
    }
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(samples[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Round(total * (double) batchSize / elapsed, all[total / 2],
        all[Math.min(total - 1, (int) (total * 0.99))], all[total - 1]);
  }

  private static Round median(Round[] rounds) {
    Round[] sorted = rounds.clone();
    Arrays.sort(sorted, (a, b) -> Double.compare(a.msgsPerSecond(), b.msgsPerSecond()));
    return sorted[sorted.length / 2];
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }
}
