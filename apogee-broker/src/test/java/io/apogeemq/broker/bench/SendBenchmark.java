package io.apogeemq.broker.bench;

import io.apogeemq.broker.bench.BenchBrokers.Broker;
import io.apogeemq.testkit.bench.AlternatingRounds;
import io.apogeemq.testkit.bench.BenchArgs;
import io.apogeemq.testkit.bench.BenchResources;
import io.apogeemq.testkit.bench.ClosedLoopLoad;
import io.apogeemq.testkit.bench.LoadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
  private static final Comparator<LoadResult> BY_THROUGHPUT =
      Comparator.comparingDouble(r -> r.perSecond(1));

  /** One broker with one send mode; {@code batchSize} 1 is a single-message send. */
  private record Scenario(Broker broker, DefaultMQProducer producer, int batchSize) {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args, new BenchArgs(10, 8, 1024, 3));
    System.out.println(a.describe());
    try (BenchResources res = BenchResources.inTempDir("send-bench")) {
      List<Broker> brokers = List.of(
          res.own(BenchBrokers.apogee(res.dir().resolve("apogee"))),
          res.own(BenchBrokers.official(res.dir().resolve("official"))));
      List<Scenario> sync = new ArrayList<>();
      List<Scenario> batch = new ArrayList<>();
      for (Broker b : brokers) {
        DefaultMQProducer p = res.own(producer(b), DefaultMQProducer::shutdown);
        sync.add(new Scenario(b, p, 1));
        batch.add(new Scenario(b, p, BATCH));
        run(sync.get(sync.size() - 1), a.threads(), a.body(), Duration.ofSeconds(3));
      }
      List<Scenario> scenarios = new ArrayList<>(sync);
      scenarios.addAll(batch);
      AlternatingRounds<Scenario, LoadResult> rounds = new AlternatingRounds<Scenario, LoadResult>(
          scenarios).run(a.rounds(), s -> run(s, a.threads(), a.body(), a.round()),
              (r, s, m) -> System.out.printf(Locale.ROOT, s.batchSize() == 1
                  ? "round %d %s sync: %.0f msg/s p50 %.2f ms p99 %.2f ms%n"
                  : "round %d %s batch: %.0f msg/s%n", r, s.broker().name(),
                  m.perSecond(s.batchSize()), m.p50Nanos() / 1e6, m.p99Nanos() / 1e6));
      System.out.println();
      System.out.println("| broker | sync msg/s | sync p50 ms | sync p99 ms | batch(32) msg/s"
          + " | RSS MiB |");
      System.out.println("|---|---|---|---|---|---|");
      double[] syncRate = new double[2];
      double[] syncP99 = new double[2];
      double[] batchRate = new double[2];
      for (int i = 0; i < brokers.size(); i++) {
        LoadResult s = rounds.median(sync.get(i), BY_THROUGHPUT);
        syncRate[i] = s.perSecond(1);
        syncP99[i] = s.p99Nanos();
        batchRate[i] = rounds.median(batch.get(i), BY_THROUGHPUT).perSecond(BATCH);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.0f | %d |%n",
            brokers.get(i).name(), syncRate[i], s.p50Nanos() / 1e6, s.p99Nanos() / 1e6,
            batchRate[i], brokers.get(i).jvm().rssKb() / 1024);
      }
      System.out.printf(Locale.ROOT, "ratio apogee/official: sync throughput %.2f, sync p99 %.2f,"
          + " batch throughput %.2f%n", syncRate[0] / syncRate[1], syncP99[0] / syncP99[1],
          batchRate[0] / batchRate[1]);
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

  /** {@code threads} threads send for {@code duration}, single messages or batches. */
  private static LoadResult run(Scenario s, int threads, byte[] body, Duration duration)
      throws InterruptedException {
    DefaultMQProducer p = s.producer();
    int batchSize = s.batchSize();
    return ClosedLoopLoad.run("bench-send", threads, duration, () -> {
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
    });
  }
}
