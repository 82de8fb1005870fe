package io.apogeemq.cli.bench;

import io.apogeemq.testkit.TempDirs;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #5's footprint and start-up benchmark: Apogee standalone (one JVM: NameServer + broker),
 * in one or more JVM flag variants, against the official Apache RocketMQ 5.3.3 NameServer +
 * broker (two JVMs), all started as child JVMs by this run ({@link BenchTarget}).
 *
 * <p>Per system, {@code foot.starts} starts (alternating systems): ready time (process start →
 * broker port answers; for the official one its broker's start, its NameServer already running),
 * CPU used by then, and one second later the resident memory of every JVM of the system
 * ({@code VmRSS}) with its anonymous part ({@code RssAnon}: without mapped files such as the
 * CommitLog and the jars), plus thread count. After the last start of each system, a load:
 * {@code foot.messages} 1 KiB sync sends (8 threads), 4x as many in batches of 32 (4 threads),
 * that backlog drained by a push consumer; throughput, broker CPU per million messages, then
 * memory again. Prints every figure and medians.
 *
 * <p>Knobs: {@code foot.starts} (3), {@code foot.messages} (20000), {@code foot.variants}:
 * {@code name=flags|name=flags...} (default one variant {@code launcher} with
 * {@link BrokerBenchmark#LAUNCHER_JVM}), {@code bench.apogee.cp} (class path of the Apogee JVM;
 * default this JVM's). Never run by {@code mvn verify}.
 */
public final class StartupBenchmark {

  private record Start(long readyMs, double readyCpu, long rssKb, long anonKb, long threads) {}

  public static void main(String[] args) throws Exception {
    int starts = Integer.getInteger("foot.starts", 3);
    int messages = Integer.getInteger("foot.messages", 20_000);
    Map<String, List<String>> variants = new LinkedHashMap<>();
    for (String v : System.getProperty("foot.variants", "launcher=" + BrokerBenchmark.LAUNCHER_JVM)
        .split("\\|")) {
      int eq = v.indexOf('=');
      variants.put(v.substring(0, eq).trim(), Arrays.asList(v.substring(eq + 1).trim().split("\\s+")));
    }
    String cp = System.getProperty("bench.apogee.cp", System.getProperty("java.class.path"));
    Path root = TempDirs.create("startup-bench");
    Map<String, List<Start>> results = new LinkedHashMap<>();
    System.out.printf("startup benchmark: starts=%d messages=%d variants=%s%n", starts, messages,
        variants);
    try {
      List<String> systems = new ArrayList<>(variants.keySet());
      systems.add("official");
      for (int i = 1; i <= starts; i++) {
        List<String> order = new ArrayList<>(systems);
        if (i % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (String s : order) {
          Path dir = root.resolve(s + "-" + i);
          boolean last = i == starts;
          try (BenchTarget t = s.equals("official") ? BenchTarget.official(dir)
              : BenchTarget.apogee(dir, variants.get(s), cp)) {
            Thread.sleep(1000);
            Start st = new Start(t.readyMillis, t.readyCpuSeconds, t.totalRssKb(),
                t.totalRssAnonKb(), threads(t.broker.pid()));
            results.computeIfAbsent(s, k -> new ArrayList<>()).add(st);
            System.out.printf(Locale.ROOT, "%-10s start %d: ready %5d ms (CPU %.2f s), registered"
                + " %5d ms, RSS %4d MiB (anonymous %4d MiB), broker threads %d%n", s, i,
                st.readyMs(), st.readyCpu(), t.registeredMillis, st.rssKb() / 1024,
                st.anonKb() / 1024, st.threads());
            if (last) {
              load(t, s, messages);
            }
          }
          TempDirs.delete(dir);
        }
      }
      System.out.println();
      System.out.println("| system | ready ms (median; all) | CPU to ready s | RSS after start MiB "
          + "(anonymous) | threads |");
      System.out.println("|---|---|---:|---:|---:|");
      results.forEach((s, list) -> System.out.printf(Locale.ROOT, "| %s | %d (%s) | %.2f | %d (%d) "
          + "| %d |%n", s, (long) median(list.stream().mapToDouble(Start::readyMs).toArray()),
          Arrays.toString(list.stream().mapToLong(Start::readyMs).toArray()),
          median(list.stream().mapToDouble(Start::readyCpu).toArray()),
          (long) median(list.stream().mapToDouble(x -> x.rssKb() / 1024.0).toArray()),
          (long) median(list.stream().mapToDouble(x -> x.anonKb() / 1024.0).toArray()),
          list.get(list.size() - 1).threads()));
    } finally {
      TempDirs.delete(root);
    }
  }

  private static void load(BenchTarget t, String name, int messages) throws Exception {
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    String[][] steps = {{"sync", "BenchSync"}, {"batch", "BenchBatch"}, {"consume", "BenchBatch"}};
    for (String[] step : steps) {
      Scenario sc = step[0].equals("consume") ? Scenario.CONSUMER : Scenario.PRODUCER;
      SendMode mode = step[0].equals("batch") ? SendMode.BATCH : SendMode.SYNC;
      long count = step[0].equals("sync") ? messages : 4L * messages;
      int threads = step[0].equals("sync") ? 8 : 4;
      double cpu0 = t.broker.cpuSeconds();
      BenchSummary s = new BenchRun(new BenchOptions(sc, t.namesrv, step[1],
          sc == Scenario.CONSUMER ? 0 : 4, mode, threads, 1024, 32, 64, Duration.ofSeconds(120),
          count, "foot_" + name, Duration.ofSeconds(30)), quiet).run();
      double cpu = t.broker.cpuSeconds() - cpu0;
      BenchSummary.Side side = s.consume() != null ? s.consume() : s.send();
      double rate = side.drainMessagesPerSecond() != null ? side.drainMessagesPerSecond()
          : side.messagesPerSecond();
      String lat = side.latencyMs() == null ? "" : String.format(Locale.ROOT,
          "  p50 %.2f ms  p99 %.2f ms", side.latencyMs().p50(), side.latencyMs().p99());
      System.out.printf(Locale.ROOT, "%-10s load %-8s %9.0f msg/s%s  CPU %.1f s/M msgs  (%d msgs,"
          + " %d errors)%n", name, step[0], rate, lat, cpu / Math.max(1, side.messages()) * 1e6,
          side.messages(), side.errors());
    }
    Thread.sleep(1000);
    System.out.printf(Locale.ROOT, "%-10s after load: RSS %4d MiB (anonymous %4d MiB), broker peak"
        + " RSS %4d MiB, broker threads %d%n", name, t.totalRssKb() / 1024,
        t.totalRssAnonKb() / 1024, t.broker.hwmKb() / 1024, threads(t.broker.pid()));
  }

  private static long threads(long pid) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        return Long.parseLong(line.substring(8).trim());
      }
    }
    return -1;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2]
        : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
