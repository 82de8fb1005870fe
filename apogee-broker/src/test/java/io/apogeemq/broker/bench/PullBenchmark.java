package io.apogeemq.broker.bench;

import io.apogeemq.broker.support.EmbeddedNamesrv;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Side-by-side benchmark of the consume path: the Apogee broker ({@link BenchApogeeBroker}) and the
 * official Apache RocketMQ 5.3.3 broker ({@code BrokerStartup}), each in its own child JVM with the
 * same JVM flags and its own (in-process, Apogee) NameServer, measured with the official 5.3.3
 * client from this JVM.
 *
 * <ol>
 *   <li>Fill: {@code messages} messages of {@code size} bytes are sent to topic {@code BenchT}
 *       (4 queues) of each broker in batches of 64 (official producer).</li>
 *   <li>Pull throughput: one thread reads every queue from offset 0 to the end with
 *       {@code DefaultMQPullConsumer.pull(mq, "*", offset, 32)}; messages/s. Rounds alternate
 *       Apogee / official.</li>
 *   <li>Long-poll wake-up: a thread blocks in {@code pullBlockIfNotFound} at the end of queue 0;
 *       the main thread sends one message to that queue; the time from just before the send to
 *       the pull's return is recorded ({@code wakeups} times per broker, alternating).</li>
 *   <li>RSS of both broker JVMs at the end.</li>
 * </ol>
 *
 * <pre>args: [messages=100000] [size=256] [rounds=3] [wakeups=200]</pre>
 *
 * Not run by the build; see docs/benchmarks-broker-consume.md for the command.
 */
public final class PullBenchmark {

  private static final String TOPIC = "BenchT";
  private static final List<String> JVM = List.of("-Xms512m", "-Xmx512m",
      "-XX:MaxDirectMemorySize=512m");

  record Broker(String name, EmbeddedNamesrv namesrv, ChildJvm jvm) {}

  public static void main(String[] args) throws Exception {
    int messages = arg(args, 0, 100_000);
    int size = arg(args, 1, 256);
    int rounds = arg(args, 2, 3);
    int wakeups = arg(args, 3, 200);
    System.out.printf(Locale.ROOT, "messages=%d size=%d rounds=%d wakeups=%d cores=%d%n", messages,
        size, rounds, wakeups, Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("apogee-pull-bench");
    List<Broker> brokers = new ArrayList<>();
    try {
      brokers.add(startApogee(dir.resolve("apogee")));
      brokers.add(startOfficial(dir.resolve("official")));
      for (Broker b : brokers) {
        long t0 = System.nanoTime();
        fill(b, messages, size);
        System.out.printf(Locale.ROOT, "%s: filled %d messages in %.1f s%n", b.name(), messages,
            (System.nanoTime() - t0) / 1e9);
      }
      double[][] rates = new double[2][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < brokers.size(); i++) {
          rates[i][r] = pullAll(brokers.get(i), messages);
          System.out.printf(Locale.ROOT, "round %d %s: %.0f msg/s%n", r + 1,
              brokers.get(i).name(), rates[i][r]);
        }
      }
      long[][] wake = new long[2][wakeups];
      wakeLatencies(brokers, wake);
      System.out.println();
      System.out.println("| broker | pull msg/s (median of rounds) | wake-up p50 ms | wake-up p99 ms"
          + " | RSS MiB |");
      System.out.println("|---|---|---|---|---|");
      for (int i = 0; i < brokers.size(); i++) {
        double[] rs = rates[i].clone();
        Arrays.sort(rs);
        long[] ws = wake[i].clone();
        Arrays.sort(ws);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n", brokers.get(i).name(),
            rs[rs.length / 2], ws[ws.length / 2] / 1e6, ws[(int) (ws.length * 0.99)] / 1e6,
            brokers.get(i).jvm().rssKb() / 1024);
      }
      double[] a = rates[0].clone();
      double[] o = rates[1].clone();
      Arrays.sort(a);
      Arrays.sort(o);
      System.out.printf(Locale.ROOT, "ratio pull throughput apogee/official = %.2f%n",
          a[a.length / 2] / o[o.length / 2]);
    } finally {
      for (Broker b : brokers) {
        b.jvm().close();
        b.namesrv().close();
      }
      deleteTree(dir);
    }
  }

  private static Broker startApogee(Path dir) throws Exception {
    EmbeddedNamesrv ns = new EmbeddedNamesrv(dir.resolve("namesrv"));
    int port = freePort();
    Path conf = dir.resolve("broker.conf");
    Files.writeString(conf, String.join("\n",
        "brokerClusterName=BenchCluster", "brokerName=apogee-bench", "brokerIP1=127.0.0.1",
        "bindAddress=127.0.0.1", "listenPort=" + port, "namesrvAddr=" + ns.addr(),
        "storePathRootDir=" + dir.resolve("store"), "mappedFileSizeCommitLog=67108864",
        "mappedFileSizeConsumeQueue=600000", "flushDiskType=ASYNC_FLUSH", ""));
    List<String> jvm = new ArrayList<>(JVM);
    jvm.addAll(ChildJvm.ROCKETMQ_FLAGS);
    ChildJvm child = ChildJvm.start("apogee-broker", jvm, BenchApogeeBroker.class.getName(),
        List.of(conf.toString()), dir.resolve("broker.out"));
    awaitRoute(ns, child);
    return new Broker("apogee", ns, child);
  }

  private static Broker startOfficial(Path dir) throws Exception {
    EmbeddedNamesrv ns = new EmbeddedNamesrv(dir.resolve("namesrv"));
    int port = freePort();
    Path home = Files.createDirectories(dir.resolve("home"));
    Path store = Files.createDirectories(dir.resolve("store"));
    Path conf = dir.resolve("broker.conf");
    Files.writeString(conf, String.join("\n",
        "brokerClusterName=BenchCluster", "brokerName=official-bench", "brokerId=0",
        "brokerRole=ASYNC_MASTER", "flushDiskType=ASYNC_FLUSH", "brokerIP1=127.0.0.1",
        "brokerIP2=127.0.0.1", "namesrvAddr=" + ns.addr(), "listenPort=" + port,
        "bindAddress=127.0.0.1", "haListenPort=" + (port + 1), "autoCreateTopicEnable=true",
        "storePathRootDir=" + store, "storePathCommitLog=" + store.resolve("commitlog"),
        "mappedFileSizeCommitLog=67108864", "mappedFileSizeConsumeQueue=600000",
        "diskMaxUsedSpaceRatio=98", ""));
    List<String> jvm = new ArrayList<>(JVM);
    jvm.addAll(List.of("-Duser.home=" + home, "-Drocketmq.home.dir=" + home));
    jvm.addAll(ChildJvm.ROCKETMQ_FLAGS);
    ChildJvm child = ChildJvm.start("official-broker", jvm,
        "org.apache.rocketmq.broker.BrokerStartup", List.of("-c", conf.toString()),
        dir.resolve("broker.out"));
    awaitRoute(ns, child);
    return new Broker("official", ns, child);
  }

  private static void awaitRoute(EmbeddedNamesrv ns, ChildJvm child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (ns.server().services().routes().route("TBW102").isEmpty()) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("broker did not register: " + child.logTail(3000));
      }
      Thread.sleep(100);
    }
  }

  /** A port p with p-2 .. p+1 free (the official broker also binds p-2 and p+1). */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int p;
      try (ServerSocket s = new ServerSocket(0)) {
        p = s.getLocalPort();
      }
      if (p > 2 && p < 65534 && free(p - 2) && free(p - 1) && free(p + 1)) {
        return p;
      }
    }
    throw new IOException("no free port range");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static DefaultMQProducer producer(Broker b) throws Exception {
    DefaultMQProducer p = new DefaultMQProducer("bench-pg");
    p.setNamesrvAddr(b.namesrv().addr());
    p.setInstanceName("bench-producer-" + b.name() + "-" + System.nanoTime());
    p.setVipChannelEnabled(false);
    p.setSendMsgTimeout(10_000);
    p.start();
    return p;
  }

  private static void fill(Broker b, int messages, int size) throws Exception {
    DefaultMQProducer p = producer(b);
    try {
      byte[] body = new byte[size];
      Arrays.fill(body, (byte) 'x');
      int sent = 0;
      while (sent < messages) {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 64 && sent + i < messages; i++) {
          batch.add(new Message(TOPIC, "T", body));
        }
        if (p.send(batch).getSendStatus() != SendStatus.SEND_OK) {
          throw new IllegalStateException("fill of " + b.name() + " failed");
        }
        sent += batch.size();
      }
    } finally {
      p.shutdown();
    }
  }

  @SuppressWarnings("deprecation")
  private static DefaultMQPullConsumer pullConsumer(Broker b) throws Exception {
    DefaultMQPullConsumer c = new DefaultMQPullConsumer("bench-cg");
    c.setNamesrvAddr(b.namesrv().addr());
    c.setInstanceName("bench-consumer-" + b.name() + "-" + System.nanoTime());
    c.setVipChannelEnabled(false);
    c.start();
    return c;
  }

  @SuppressWarnings("deprecation")
  private static double pullAll(Broker b, int expected) throws Exception {
    DefaultMQPullConsumer c = pullConsumer(b);
    try {
      List<MessageQueue> mqs = new ArrayList<>(c.fetchSubscribeMessageQueues(TOPIC));
      mqs.sort(Comparator.comparingInt(MessageQueue::getQueueId));
      long count = 0;
      long t0 = System.nanoTime();
      for (MessageQueue mq : mqs) {
        long offset = 0;
        while (true) {
          PullResult r = c.pull(mq, "*", offset, 32);
          if (r.getPullStatus() != PullStatus.FOUND) {
            break;
          }
          count += r.getMsgFoundList().size();
          offset = r.getNextBeginOffset();
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (count < expected) {
        throw new IllegalStateException(b.name() + ": pulled " + count + " of " + expected);
      }
      return count / seconds;
    } finally {
      c.shutdown();
    }
  }

  @SuppressWarnings("deprecation")
  private static void wakeLatencies(List<Broker> brokers, long[][] out) throws Exception {
    int n = out[0].length;
    int chunk = Math.max(1, n / 4);
    for (int from = 0; from < n; from += chunk) {
      for (int i = 0; i < brokers.size(); i++) {
        wakeups(brokers.get(i), out[i], from, Math.min(n, from + chunk));
      }
    }
  }

  @SuppressWarnings("deprecation")
  private static void wakeups(Broker b, long[] out, int from, int to) throws Exception {
    DefaultMQPullConsumer c = pullConsumer(b);
    DefaultMQProducer p = producer(b);
    try {
      MessageQueue mq = new ArrayList<>(c.fetchSubscribeMessageQueues(TOPIC)).stream()
          .filter(q -> q.getQueueId() == 0).findFirst().orElseThrow();
      BlockingQueue<Long> returned = new ArrayBlockingQueue<>(1);
      for (int i = from; i < to; i++) {
        long offset = c.maxOffset(mq);
        Thread waiter = new Thread(() -> {
          try {
            PullResult r = c.pullBlockIfNotFound(mq, "*", offset, 32);
            if (r.getPullStatus() == PullStatus.FOUND) {
              returned.add(System.nanoTime());
            }
          } catch (Exception e) {
            System.err.println("wake-up pull failed: " + e);
          }
        }, "bench-waiter");
        waiter.start();
        Thread.sleep(30); // let the pull reach the broker and be parked
        long t0 = System.nanoTime();
        p.send(new Message(TOPIC, "W", new byte[16]), mq);
        Long t1 = returned.poll(30, TimeUnit.SECONDS);
        waiter.join(30_000);
        if (t1 == null) {
          throw new IllegalStateException(b.name() + ": parked pull not answered");
        }
        out[i] = t1 - t0;
      }
    } finally {
      p.shutdown();
      c.shutdown();
    }
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
