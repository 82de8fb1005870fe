package io.apogeemq.hait;

import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.testkit.ChildJvm;
import io.apogeemq.testkit.FreePorts;
import io.apogeemq.testkit.OfficialBroker;
import io.apogeemq.testkit.OfficialNameServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Sync-send throughput and latency of a master with one slave, ASYNC_MASTER and SYNC_MASTER,
 * Apogee vs the official Apache RocketMQ 5.3.3 broker: every broker is a child JVM (master and
 * slave on loopback), driven by the official 5.3.3 producer from this JVM. Scenarios alternate
 * Apogee / official in every round, so both see the same machine load. The official SYNC_MASTER is
 * configured as the 5.x way to get 4.9 SYNC_MASTER behaviour ({@code totalReplicas=2},
 * {@code inSyncReplicas=2}, storage.md §15.3). Each scenario starts fresh brokers, waits until
 * sends are acknowledged (slave attached), warms up, then measures.
 *
 * <pre>args: [seconds=10] [threads=8] [size=1024] [rounds=2] [order=aa,oa,as,os]</pre>
 *
 * <p>{@code order} lists the scenarios of one round (a/o = apogee/official, a/s = ASYNC/SYNC
 * master); a scenario may appear twice (median reported). The master and slave JVMs' CPU time
 * during the measured seconds, divided by the messages sent, is reported as µs per message.
 *
 * Not run by the build; see docs/benchmarks-ha.md for the command.
 */
public final class HaBenchmark {

  private static final String TOPIC = "HaBenchT";
  private static final int MAX_SAMPLES_PER_THREAD = 2_000_000;
  private static final int WARMUP_SECONDS = 10;
  private static final List<String> APOGEE_JVM = List.of("-Xms512m", "-Xmx512m",
      "-XX:MaxDirectMemorySize=256m", "-XX:+UseG1GC",
      "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider");

  /**
   * One measured run; {@code brokerCpuMicrosPerMsg} is the CPU time of the master and slave JVMs
   * together during the run divided by the messages sent.
   */
  record Result(double msgsPerSecond, long p50Nanos, long p99Nanos, double brokerCpuMicrosPerMsg) {

    Result withCpu(double micros) {
      return new Result(msgsPerSecond, p50Nanos, p99Nanos, micros);
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = arg(args, 0, 10);
    int threads = arg(args, 1, 8);
    int size = arg(args, 2, 1024);
    int rounds = arg(args, 3, 2);
    System.out.printf(Locale.ROOT, "seconds=%d threads=%d size=%d rounds=%d cores=%d%n", seconds,
        threads, size, rounds, Runtime.getRuntime().availableProcessors());
    Map<String, List<Result>> results = new LinkedHashMap<>();
    List<String> scenarios = List.of("apogee ASYNC_MASTER", "official ASYNC_MASTER",
        "apogee SYNC_MASTER", "official SYNC_MASTER");
    List<String> order = args.length > 4 ? order(args[4]) : scenarios;
    scenarios.forEach(s -> results.put(s, new ArrayList<>()));
    for (int r = 0; r < rounds; r++) {
      for (String scenario : order) {
        Result res;
        try {
          // Every scenario starts fresh broker JVMs: warm them up long enough that the JIT
          // compilers are done before measuring (a 3 s warm-up left them compiling during the
          // measured seconds on 2 cores, which skewed both throughput and CPU per message).
          res = scenario(scenario, seconds, threads, size, WARMUP_SECONDS);
        } catch (IllegalStateException e) {
          System.out.println("round " + (r + 1) + " " + scenario + " FAILED: " + e.getMessage());
          continue;
        }
        results.get(scenario).add(res);
        System.out.printf(Locale.ROOT,
            "round %d %s: %.0f msg/s p50 %.2f ms p99 %.2f ms, brokers %.1f us CPU/msg%n",
            r + 1, scenario, res.msgsPerSecond(), res.p50Nanos() / 1e6, res.p99Nanos() / 1e6,
            res.brokerCpuMicrosPerMsg());
      }
    }
    System.out.println();
    System.out.println("| broker, role (1 slave) | sync-send msg/s (median) | p50 ms | p99 ms "
        + "| master+slave CPU µs/msg |");
    System.out.println("|---|---|---|---|---|");
    Map<String, Result> median = new LinkedHashMap<>();
    for (String s : scenarios) {
      if (results.get(s).isEmpty()) {
        System.out.printf(Locale.ROOT, "| %s | failed | | | |%n", s);
        continue;
      }
      Result m = median(results.get(s));
      median.put(s, m);
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.1f |%n", s,
          m.msgsPerSecond(), m.p50Nanos() / 1e6, m.p99Nanos() / 1e6, m.brokerCpuMicrosPerMsg());
    }
    if (median.size() < scenarios.size()) {
      return;
    }
    System.out.printf(Locale.ROOT, "apogee SYNC/ASYNC throughput: %.2f; official SYNC/ASYNC: "
        + "%.2f%n", ratio(median, "apogee SYNC_MASTER", "apogee ASYNC_MASTER"),
        ratio(median, "official SYNC_MASTER", "official ASYNC_MASTER"));
    System.out.printf(Locale.ROOT, "apogee/official SYNC_MASTER: throughput %.2f, p99 %.2f; "
        + "ASYNC_MASTER: throughput %.2f, p99 %.2f%n",
        ratio(median, "apogee SYNC_MASTER", "official SYNC_MASTER"),
        (double) median.get("apogee SYNC_MASTER").p99Nanos()
            / median.get("official SYNC_MASTER").p99Nanos(),
        ratio(median, "apogee ASYNC_MASTER", "official ASYNC_MASTER"),
        (double) median.get("apogee ASYNC_MASTER").p99Nanos()
            / median.get("official ASYNC_MASTER").p99Nanos());
  }

  private static double ratio(Map<String, Result> m, String a, String b) {
    return m.get(a).msgsPerSecond() / m.get(b).msgsPerSecond();
  }

  /**
   * A scenario order such as {@code aa,as,os,as,aa}: a = apogee / o = official, then a = ASYNC /
   * s = SYNC master.
   */
  private static List<String> order(String codes) {
    List<String> out = new ArrayList<>();
    for (String c : codes.split(",")) {
      String code = c.trim().toLowerCase(Locale.ROOT);
      if (!code.matches("[ao][as]")) {
        throw new IllegalArgumentException("scenario code " + c + " is not one of aa, as, oa, os");
      }
      out.add((code.charAt(0) == 'a' ? "apogee " : "official ")
          + (code.charAt(1) == 'a' ? "ASYNC_MASTER" : "SYNC_MASTER"));
    }
    return out;
  }

  private static Result scenario(String scenario, int seconds, int threads, int size,
      int warmupSeconds) throws Exception {
    boolean apogee = scenario.startsWith("apogee");
    String role = scenario.substring(scenario.indexOf(' ') + 1);
    Path dir = Files.createTempDirectory("apogee-ha-bench");
    List<ChildJvm> jvms = new ArrayList<>();
    NamesrvServer apogeeNamesrv = null;
    DefaultMQProducer producer = null;
    try {
      String namesrv;
      if (apogee) {
        Properties p = new Properties();
        p.setProperty("listenPort", "0");
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("kvConfigPath", dir.resolve("kv.json").toString());
        p.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
        apogeeNamesrv = NamesrvServer.create(NamesrvConfig.fromProperties(p, w -> { }),
            Clock.systemUTC());
        apogeeNamesrv.start();
        namesrv = "127.0.0.1:" + apogeeNamesrv.port();
        Map<String, String> common = Map.of("mappedFileSizeCommitLog", "67108864",
            "mappedFileSizeConsumeQueue", "600000", "haSendHeartbeatInterval", "1000",
            "maxIndexNum", "5000000", "maxHashSlotNum", "1000000");
        Map<String, String> master = new LinkedHashMap<>(common);
        master.put("brokerRole", role);
        Map<String, String> slave = new LinkedHashMap<>(common);
        slave.put("brokerRole", "SLAVE");
        slave.put("brokerId", "1");
        int masterPort = FreePorts.forBroker();
        slave.put("haMasterAddress", "127.0.0.1:" + (masterPort + 1));
        jvms.add(new ApogeeBrokerProcess("bench-ha", dir.resolve("m"), masterPort,
            namesrv, master, APOGEE_JVM).start());
        Thread.sleep(1500);
        jvms.add(new ApogeeBrokerProcess("bench-ha", dir.resolve("s"), FreePorts.forBroker(),
            namesrv, slave, APOGEE_JVM).start());
      } else {
        int nport = FreePorts.one();
        jvms.add(OfficialNameServer.start(dir.resolve("namesrv"), nport));
        namesrv = "127.0.0.1:" + nport;
        Thread.sleep(1500);
        List<String> master = new ArrayList<>(List.of("brokerRole=" + role,
            "haSendHeartbeatInterval=1000"));
        if (role.equals("SYNC_MASTER")) {
          master.add("totalReplicas=2");
          master.add("inSyncReplicas=2");
        }
        jvms.add(new OfficialBroker(dir.resolve("m"), "DefaultCluster", "bench-ha",
            FreePorts.forBroker(), namesrv, master).start());
        Thread.sleep(3000);
        jvms.add(new OfficialBroker(dir.resolve("s"), "DefaultCluster", "bench-ha",
            FreePorts.forBroker(), namesrv, List.of("brokerRole=SLAVE", "brokerId=1",
                "haSendHeartbeatInterval=1000")).start());
      }
      producer = new DefaultMQProducer("bench-ha-pg");
      producer.setNamesrvAddr(namesrv);
      producer.setInstanceName("bench-ha-" + System.nanoTime());
      producer.setVipChannelEnabled(false);
      producer.setSendMsgTimeout(10_000);
      producer.setRetryAnotherBrokerWhenNotStoreOK(false);
      producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
      producer.start();
      try {
        awaitAcknowledged(producer, scenario);
      } catch (IllegalStateException e) {
        for (ChildJvm j : jvms) {
          System.out.println("---- " + j + " (alive " + j.isAlive() + ")\n" + j.logTail(2500));
        }
        throw e;
      }
      run(producer, threads, size, warmupSeconds);
      double cpu0 = cpuSeconds(jvms);
      Result r = run(producer, threads, size, seconds);
      double cpu = cpuSeconds(jvms) - cpu0;
      return r.withCpu(cpu * 1e6 / (r.msgsPerSecond() * seconds));
    } finally {
      if (producer != null) {
        producer.shutdown();
      }
      for (int i = jvms.size() - 1; i >= 0; i--) {
        jvms.get(i).close();
      }
      if (apogeeNamesrv != null) {
        apogeeNamesrv.close();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Creates the topic on the master (retrying until it is registered), then sends until 50 in a
   * row are SEND_OK (topic routed, slave attached); at most 180 s (the machine is shared).
   */
  private static void awaitAcknowledged(DefaultMQProducer p, String scenario) throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    int inRow = 0;
    String last = "";
    while (true) {
      try {
        p.createTopic("TBW102", TOPIC, 4, null);
        break;
      } catch (Exception e) {
        last = e.toString();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(scenario + ": topic not created in 180 s: " + last);
        }
        Thread.sleep(500);
      }
    }
    while (inRow < 50) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(scenario + ": sends not acknowledged in 180 s: " + last);
      }
      try {
        SendStatus s = p.send(new Message(TOPIC, "T", new byte[16])).getSendStatus();
        last = s.name();
        inRow = s == SendStatus.SEND_OK ? inRow + 1 : 0;
        if (s != SendStatus.SEND_OK) {
          Thread.sleep(200);
        }
      } catch (Exception e) {
        last = e.toString();
        inRow = 0;
        Thread.sleep(300);
      }
    }
  }

  private static Result run(DefaultMQProducer p, int threads, int size, int seconds)
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
            SendStatus status = p.send(new Message(TOPIC, "T", body)).getSendStatus();
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
      }, "bench-ha-send-" + t);
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
    return new Result(total / elapsed, all[total / 2],
        all[Math.min(total - 1, (int) (total * 0.99))], 0);
  }

  /** CPU seconds of the broker JVMs (the name server is excluded: it idles). */
  private static double cpuSeconds(List<ChildJvm> jvms) throws java.io.IOException {
    double sum = 0;
    for (ChildJvm j : jvms) {
      if (j.name().contains("namesrv")) {
        continue;
      }
      sum += j.cpuSeconds();
    }
    return sum;
  }

  private static Result median(List<Result> rounds) {
    List<Result> sorted = new ArrayList<>(rounds);
    sorted.sort(Comparator.comparingDouble(Result::msgsPerSecond));
    return sorted.get(sorted.size() / 2);
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }
}
