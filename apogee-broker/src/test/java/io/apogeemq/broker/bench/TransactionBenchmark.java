package io.apogeemq.broker.bench;

import io.apogeemq.broker.bench.BenchBrokers.Broker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Side-by-side benchmark of transactional send + commit: the Apogee broker and the official Apache
 * RocketMQ 5.3.3 broker, each in its own child JVM ({@link BenchBrokers}), driven by the official
 * 5.3.3 {@code TransactionMQProducer} from this JVM. Each call is a synchronous half-message send,
 * a local transaction that commits at once, and the oneway {@code END_TRANSACTION}.
 *
 * <ul>
 *   <li>{@code threads} threads share one producer and call {@code sendMessageInTransaction} for
 *       {@code seconds} seconds ({@code size}-byte bodies, topic {@code TxBench}, 4 queues);
 *       per-call latency p50/p99.</li>
 *   <li>Committed throughput: calls made divided by the time until every one of them is visible
 *       in the real topic (sum of its queues' max offsets) — so an END_TRANSACTION backlog counts.
 *   </li>
 * </ul>
 * A 3 s warm-up precedes each broker's first round; rounds alternate Apogee / official.
 *
 * <pre>args: [seconds=10] [threads=8] [size=1024] [rounds=3]</pre>
 *
 * Not run by the build; see docs/benchmarks-transaction.md for the command.
 */
public final class TransactionBenchmark {

  private static final String TOPIC = "TxBench";
  private static final int MAX_SAMPLES_PER_THREAD = 2_000_000;

  record Round(double calls, double committedPerSecond, long p50Nanos, long p99Nanos) {}

  public static void main(String[] args) throws Exception {
    int seconds = arg(args, 0, 10);
    int threads = arg(args, 1, 8);
    int size = arg(args, 2, 1024);
    int rounds = arg(args, 3, 3);
    System.out.printf(Locale.ROOT, "seconds=%d threads=%d size=%d rounds=%d cores=%d%n", seconds,
        threads, size, rounds, Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("apogee-tx-bench");
    List<Broker> brokers = new ArrayList<>();
    List<TransactionMQProducer> producers = new ArrayList<>();
    try {
      brokers.add(BenchBrokers.apogee(dir.resolve("apogee")));
      brokers.add(BenchBrokers.official(dir.resolve("official")));
      for (Broker b : brokers) {
        TransactionMQProducer p = producer(b);
        producers.add(p);
        run(p, threads, size, 3);
      }
      Round[][] results = new Round[2][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < brokers.size(); i++) {
          results[i][r] = run(producers.get(i), threads, size, seconds);
          System.out.printf(Locale.ROOT, "round %d %s: %.0f calls, %.0f committed msg/s, p50 %.2f ms"
              + " p99 %.2f ms%n", r + 1, brokers.get(i).name(), results[i][r].calls(),
              results[i][r].committedPerSecond(), results[i][r].p50Nanos() / 1e6,
              results[i][r].p99Nanos() / 1e6);
        }
      }
      System.out.println();
      System.out.println("| broker | committed msg/s | call p50 ms | call p99 ms | RSS MiB |");
      System.out.println("|---|---|---|---|---|");
      for (int i = 0; i < brokers.size(); i++) {
        Round m = median(results[i]);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n", brokers.get(i).name(),
            m.committedPerSecond(), m.p50Nanos() / 1e6, m.p99Nanos() / 1e6,
            brokers.get(i).jvm().rssKb() / 1024);
      }
      System.out.printf(Locale.ROOT, "ratio apogee/official: committed throughput %.2f, p99 %.2f%n",
          median(results[0]).committedPerSecond() / median(results[1]).committedPerSecond(),
          (double) median(results[0]).p99Nanos() / median(results[1]).p99Nanos());
    } finally {
      producers.forEach(TransactionMQProducer::shutdown);
      for (Broker b : brokers) {
        b.close();
      }
      BenchBrokers.deleteTree(dir);
    }
  }

  private static TransactionMQProducer producer(Broker b) throws Exception {
    TransactionMQProducer p = new TransactionMQProducer("bench-tx-pg");
    p.setNamesrvAddr(b.namesrv().addr());
    p.setInstanceName("bench-tx-" + b.name() + "-" + System.nanoTime());
    p.setVipChannelEnabled(false);
    p.setSendMsgTimeout(10_000);
    p.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
    p.setTransactionListener(new TransactionListener() {
      @Override
      public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
        return LocalTransactionState.COMMIT_MESSAGE;
      }

      @Override
      public LocalTransactionState checkLocalTransaction(MessageExt msg) {
        return LocalTransactionState.COMMIT_MESSAGE;
      }
    });
    p.start();
    return p;
  }

  @SuppressWarnings("deprecation")
  private static long visible(TransactionMQProducer p) throws Exception {
    long sum = 0;
    for (MessageQueue mq : p.fetchPublishMessageQueues(TOPIC)) {
      sum += p.maxOffset(mq);
    }
    return sum;
  }

  private static Round run(TransactionMQProducer p, int threads, int size, int seconds)
      throws Exception {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    long before = warmRoute(p, body);
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
            var r = p.sendMessageInTransaction(new Message(TOPIC, "T", body), null);
            if (r.getSendStatus() != SendStatus.SEND_OK
                || r.getLocalTransactionState() != LocalTransactionState.COMMIT_MESSAGE) {
              throw new IllegalStateException("send " + r.getSendStatus() + " local "
                  + r.getLocalTransactionState());
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
      }, "bench-tx-" + t);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("transactional send failed", failure.get());
    }
    int total = Arrays.stream(counts).sum();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (visible(p) - before < total) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + (visible(p) - before) + " of " + total
            + " committed messages visible after 60 s");
      }
      Thread.sleep(2);
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(samples[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Round(total, total / elapsed, all[total / 2],
        all[Math.min(total - 1, (int) (total * 0.99))]);
  }

  /** Makes sure the route is known and returns the messages visible before the round. */
  private static long warmRoute(TransactionMQProducer p, byte[] body) throws Exception {
    p.sendMessageInTransaction(new Message(TOPIC, "T", body), null);
    long deadline = System.nanoTime() + 30_000_000_000L;
    long v;
    long prev = -1;
    while ((v = visible(p)) != prev || v == 0) { // settle: the warm-up commit becomes visible
      if (System.nanoTime() > deadline) {
        break;
      }
      prev = v;
      Thread.sleep(50);
    }
    return v;
  }

  private static Round median(Round[] rounds) {
    Round[] sorted = rounds.clone();
    Arrays.sort(sorted, (a, b) -> Double.compare(a.committedPerSecond(), b.committedPerSecond()));
    return sorted[sorted.length / 2];
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }
}
