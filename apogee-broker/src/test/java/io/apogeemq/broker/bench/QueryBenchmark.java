package io.apogeemq.broker.bench;

import io.apogeemq.broker.bench.BenchBrokers.Broker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Side-by-side benchmark of the query path: the Apogee broker and the official Apache RocketMQ
 * 5.3.3 broker, each in its own child JVM ({@link BenchBrokers}), queried by the official 5.3.3
 * {@code DefaultMQAdminExt} from this JVM.
 *
 * <ol>
 *   <li>Load: {@code messages} 1 KiB messages to topic {@code QueryT}, keys {@code key-(i % 50)}.</li>
 *   <li>view: one thread calls {@code viewMessage(topic, offsetMsgId)} (VIEW_MESSAGE_BY_ID) with
 *       random stored ids for {@code seconds} seconds; calls/s and latency p50/p99.</li>
 *   <li>query: one thread calls {@code queryMessage(topic, key, 32, 0, MAX)} (QUERY_MESSAGE, 32 of
 *       the key's records returned) with random keys; calls/s and latency p50/p99.</li>
 * </ol>
 * Rounds alternate Apogee / official; the median round is reported.
 *
 * <pre>args: [seconds=5] [messages=5000] [rounds=3]</pre>
 *
 * Not run by the build; see docs/benchmarks-broker-admin.md for the command.
 */
public final class QueryBenchmark {

  private static final String TOPIC = "QueryT";
  private static final int KEYS = 50;

  record Round(double callsPerSecond, long p50Nanos, long p99Nanos) {}

  interface Call {
    void run(SplittableRandom random) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int seconds = arg(args, 0, 5);
    int messages = arg(args, 1, 5000);
    int rounds = arg(args, 2, 3);
    System.out.printf(Locale.ROOT, "seconds=%d messages=%d rounds=%d cores=%d%n", seconds,
        messages, rounds, Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("apogee-query-bench");
    List<Broker> brokers = new ArrayList<>();
    List<DefaultMQAdminExt> admins = new ArrayList<>();
    List<String[]> ids = new ArrayList<>();
    try {
      brokers.add(BenchBrokers.apogee(dir.resolve("apogee")));
      brokers.add(BenchBrokers.official(dir.resolve("official")));
      for (Broker b : brokers) {
        ids.add(load(b, messages));
        DefaultMQAdminExt a = new DefaultMQAdminExt(10_000);
        a.setNamesrvAddr(b.namesrv().addr());
        a.setInstanceName("bench-query-" + b.name() + "-" + System.nanoTime());
        a.setVipChannelEnabled(false);
        a.start();
        admins.add(a);
      }
      Thread.sleep(3_000); // both brokers build their index asynchronously
      Round[][] view = new Round[2][rounds];
      Round[][] query = new Round[2][rounds];
      for (int i = 0; i < brokers.size(); i++) {
        DefaultMQAdminExt a = admins.get(i);
        String[] msgIds = ids.get(i);
        run(2, r -> a.viewMessage(TOPIC, msgIds[r.nextInt(msgIds.length)]));
        run(2, r -> query(a, r));
      }
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < brokers.size(); i++) {
          DefaultMQAdminExt a = admins.get(i);
          String[] msgIds = ids.get(i);
          view[i][r] = run(seconds, rnd -> a.viewMessage(TOPIC, msgIds[rnd.nextInt(msgIds.length)]));
          query[i][r] = run(seconds, rnd -> query(a, rnd));
          System.out.printf(Locale.ROOT, "round %d %s: view %.0f/s p50 %.2f ms p99 %.2f ms;"
              + " query %.0f/s p50 %.2f ms p99 %.2f ms%n", r + 1, brokers.get(i).name(),
              view[i][r].callsPerSecond(), view[i][r].p50Nanos() / 1e6,
              view[i][r].p99Nanos() / 1e6, query[i][r].callsPerSecond(),
              query[i][r].p50Nanos() / 1e6, query[i][r].p99Nanos() / 1e6);
        }
      }
      System.out.println();
      System.out.println("| broker | view calls/s | view p50 ms | view p99 ms | query calls/s"
          + " | query p50 ms | query p99 ms | RSS MiB |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (int i = 0; i < brokers.size(); i++) {
        Round v = median(view[i]);
        Round q = median(query[i]);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %d |%n",
            brokers.get(i).name(), v.callsPerSecond(), v.p50Nanos() / 1e6, v.p99Nanos() / 1e6,
            q.callsPerSecond(), q.p50Nanos() / 1e6, q.p99Nanos() / 1e6,
            brokers.get(i).jvm().rssKb() / 1024);
      }
      System.out.printf(Locale.ROOT, "ratio apogee/official: view calls/s %.2f, query calls/s %.2f%n",
          median(view[0]).callsPerSecond() / median(view[1]).callsPerSecond(),
          median(query[0]).callsPerSecond() / median(query[1]).callsPerSecond());
    } finally {
      admins.forEach(DefaultMQAdminExt::shutdown);
      for (Broker b : brokers) {
        b.close();
      }
      BenchBrokers.deleteTree(dir);
    }
  }

  private static void query(DefaultMQAdminExt a, SplittableRandom r) throws Exception {
    int found = a.queryMessage(TOPIC, "key-" + r.nextInt(KEYS), 32, 0, Long.MAX_VALUE)
        .getMessageList().size();
    if (found == 0) {
      throw new IllegalStateException("query found nothing");
    }
  }

  private static String[] load(Broker b, int messages) throws Exception {
    DefaultMQProducer p = new DefaultMQProducer("bench-query-pg");
    p.setNamesrvAddr(b.namesrv().addr());
    p.setInstanceName("bench-query-p-" + b.name() + "-" + System.nanoTime());
    p.setVipChannelEnabled(false);
    p.setSendMsgTimeout(10_000);
    p.start();
    try {
      byte[] body = new byte[1024];
      Arrays.fill(body, (byte) 'q');
      String[] out = new String[messages];
      for (int i = 0; i < messages; i++) {
        SendResult r = p.send(new Message(TOPIC, "T", "key-" + (i % KEYS), body));
        if (r.getSendStatus() != SendStatus.SEND_OK) {
          throw new IllegalStateException("send status " + r.getSendStatus());
        }
        out[i] = r.getOffsetMsgId();
      }
      return out;
    } finally {
      p.shutdown();
    }
  }

  private static Round run(int seconds, Call call) throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    long[] lat = new long[1024];
    int n = 0;
    long t0 = System.nanoTime();
    long end = t0 + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      long s = System.nanoTime();
      call.run(random);
      if (n == lat.length) {
        lat = Arrays.copyOf(lat, n * 2);
      }
      lat[n++] = System.nanoTime() - s;
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long[] sorted = Arrays.copyOf(lat, n);
    Arrays.sort(sorted);
    return new Round(n / elapsed, sorted[n / 2], sorted[Math.min(n - 1, (int) (n * 0.99))]);
  }

  private static Round median(Round[] rounds) {
    Round[] sorted = rounds.clone();
    Arrays.sort(sorted, (a, b) -> Double.compare(a.callsPerSecond(), b.callsPerSecond()));
    return sorted[sorted.length / 2];
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }
}
