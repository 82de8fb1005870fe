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

  /** One round: the load's calls and latency, and the committed rate until all were visible. */
  record Round(LoadResult load, double committedPerSecond) {}

  private record Target(Broker broker, TransactionMQProducer producer) {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args, new BenchArgs(10, 8, 1024, 3));
    System.out.println(a.describe());
    try (BenchResources res = BenchResources.inTempDir("tx-bench")) {
      List<Target> targets = new ArrayList<>();
      for (Broker b : List.of(res.own(BenchBrokers.apogee(res.dir().resolve("apogee"))),
          res.own(BenchBrokers.official(res.dir().resolve("official"))))) {
        targets.add(new Target(b, res.own(producer(b), TransactionMQProducer::shutdown)));
      }
      for (Target t : targets) {
        run(t.producer(), a.threads(), a.body(), Duration.ofSeconds(3));
      }
      AlternatingRounds<Target, Round> rounds = new AlternatingRounds<Target, Round>(targets)
          .run(a.rounds(), t -> run(t.producer(), a.threads(), a.body(), a.round()),
              (r, t, m) -> System.out.printf(Locale.ROOT, "round %d %s: %d calls, %.0f committed"
                  + " msg/s, p50 %.2f ms p99 %.2f ms%n", r, t.broker().name(),
                  m.load().operations(), m.committedPerSecond(), m.load().p50Nanos() / 1e6,
                  m.load().p99Nanos() / 1e6));
      Comparator<Round> byCommitted = Comparator.comparingDouble(Round::committedPerSecond);
      System.out.println();
      System.out.println("| broker | committed msg/s | call p50 ms | call p99 ms | RSS MiB |");
      System.out.println("|---|---|---|---|---|");
      for (Target t : targets) {
        Round m = rounds.median(t, byCommitted);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n", t.broker().name(),
            m.committedPerSecond(), m.load().p50Nanos() / 1e6, m.load().p99Nanos() / 1e6,
            t.broker().jvm().rssKb() / 1024);
      }
      Round apogee = rounds.median(targets.get(0), byCommitted);
      Round official = rounds.median(targets.get(1), byCommitted);
      System.out.printf(Locale.ROOT, "ratio apogee/official: committed throughput %.2f, p99 %.2f%n",
          apogee.committedPerSecond() / official.committedPerSecond(),
          (double) apogee.load().p99Nanos() / official.load().p99Nanos());
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

  private static Round run(TransactionMQProducer p, int threads, byte[] body, Duration duration)
      throws Exception {
    long before = warmRoute(p, body);
    LoadResult load = ClosedLoopLoad.run("bench-tx", threads, duration, () -> {
      var r = p.sendMessageInTransaction(new Message(TOPIC, "T", body), null);
      if (r.getSendStatus() != SendStatus.SEND_OK
          || r.getLocalTransactionState() != LocalTransactionState.COMMIT_MESSAGE) {
        throw new IllegalStateException("send " + r.getSendStatus() + " local "
            + r.getLocalTransactionState());
      }
    });
    long total = load.operations();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (visible(p) - before < total) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + (visible(p) - before) + " of " + total
            + " committed messages visible after 60 s");
      }
      Thread.sleep(2);
    }
    double elapsed = (System.nanoTime() - load.startNanos()) / 1e9;
    return new Round(load, total / elapsed);
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
}
