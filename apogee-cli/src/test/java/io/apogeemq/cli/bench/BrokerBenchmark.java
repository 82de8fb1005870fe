package io.apogeemq.cli.bench;

import io.apogeemq.testkit.TempDirs;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #5's broker benchmark: Apogee standalone against the official Apache RocketMQ 5.3.3
 * NameServer + broker, each in child JVMs started by this run ({@link BenchTarget}), driven by the
 * same client ({@code apogee bench}'s {@link BenchRun}, Apogee client) from this JVM.
 *
 * <p>Measured: start-to-ready and start-to-registered time, RSS after start, then per round and
 * per system (alternating which goes first): sync send, async send, batch send, backlog
 * consumption (of the batch round's messages; rate after the first delivery) and end-to-end latency, each with the broker JVM's
 * CPU seconds (utime + stime from {@code /proc}) per million messages; RSS (and its anonymous
 * part, without the mapped CommitLog pages both brokers touch alike) and peak RSS at the end.
 * Prints every figure, then medians and ratios (Apogee / official) with the spread over rounds.
 *
 * <p>Knobs (system properties): {@code bench.rounds} (3), {@code bench.messages} (sync count,
 * 20000; async 2x, batch 4x, e2e 1/2), {@code bench.warmup} (sync count of the discarded warm-up
 * round of all five scenarios per system, default half of {@code bench.messages}; 0 = none),
 * {@code bench.threads} (sync threads, 8), {@code bench.size}
 * (1024), {@code bench.apogee.jvm} (Apogee's JVM flags, space-separated; default the
 * {@code ./apogee} launcher's), {@code bench.apogee.cp} (class path of the Apogee JVM; default
 * this JVM's). Never run by {@code mvn verify}.
 */
public final class BrokerBenchmark {

  /** The launcher's default JVM flags (keep in step with {@code ./apogee}). */
  static final String LAUNCHER_JVM = "-Xms32m -Xmx512m -XX:MaxDirectMemorySize=256m "
      + "-XX:+UseSerialGC";

  private record Figure(double rate, double p50, double p99, double cpuPerMillion) {}

  private final Map<String, Map<String, List<Figure>>> figures = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    new BrokerBenchmark().run();
  }

  private void run() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 3);
    int messages = Integer.getInteger("bench.messages", 20_000);
    int threads = Integer.getInteger("bench.threads", 8);
    int size = Integer.getInteger("bench.size", 1024);
    List<String> apogeeJvm = Arrays.asList(
        System.getProperty("bench.apogee.jvm", LAUNCHER_JVM).trim().split("\\s+"));
    String cp = System.getProperty("bench.apogee.cp", System.getProperty("java.class.path"));
    Path root = TempDirs.create("broker-bench");
    System.out.printf("broker benchmark: rounds=%d messages=%d threads=%d size=%d apogee JVM %s%n",
        rounds, messages, threads, size, apogeeJvm);
    try (BenchTarget official = BenchTarget.official(root.resolve("official"));
        BenchTarget apogee = BenchTarget.apogee(root.resolve("apogee"), apogeeJvm, cp)) {
      List<BenchTarget> both = List.of(apogee, official);
      for (BenchTarget t : both) {
        System.out.printf(Locale.ROOT, "%-8s ready %5d ms (CPU %.2f s), registered %5d ms, "
            + "RSS after start %4d MiB (anonymous %4d MiB)%n", t.name, t.readyMillis,
            t.readyCpuSeconds, t.registeredMillis, t.broker.rssKb() / 1024,
            t.broker.rssAnonKb() / 1024);
      }
      // Warm-up: every scenario once per system (JIT of the send, batch and pull paths of both
      // brokers and of the client), discarded. A sync-only warm-up left the first measured round
      // of async, batch and consume mostly measuring compilation.
      int warmMessages = Integer.getInteger("bench.warmup", messages / 2);
      for (BenchTarget t : both) {
        if (warmMessages > 0) {
          round(t, 0, warmMessages, threads, size, false);
        }
      }
      for (int r = 1; r <= rounds; r++) {
        List<BenchTarget> order = r % 2 == 1 ? both : List.of(official, apogee);
        for (BenchTarget t : order) {
          round(t, r, messages, threads, size, true);
        }
      }
      for (BenchTarget t : both) {
        System.out.printf(Locale.ROOT, "%-8s RSS at end %4d MiB (anonymous %4d MiB), peak RSS %4d MiB,"
            + " CPU total %.1f s%n", t.name, t.broker.rssKb() / 1024, t.broker.rssAnonKb() / 1024,
            t.broker.hwmKb() / 1024, t.broker.cpuSeconds());
      }
      summary();
    } finally {
      TempDirs.delete(root);
    }
  }

  /** One round of the five scenarios on {@code t}; round 0 is the warm-up ({@code keep} false). */
  private void round(BenchTarget t, int r, int messages, int threads, int size, boolean keep)
      throws Exception {
    String tag = keep ? "" : "warm-up ";
    run(t, tag + "sync", opts(Scenario.PRODUCER, t, "BenchSync" + r, SendMode.SYNC, threads,
        size, messages), keep);
    run(t, tag + "async", opts(Scenario.PRODUCER, t, "BenchAsync" + r, SendMode.ASYNC, 4, size,
        2L * messages), keep);
    run(t, tag + "batch", opts(Scenario.PRODUCER, t, "BenchBatch" + r, SendMode.BATCH, 4, size,
        4L * messages), keep);
    run(t, tag + "consume", opts(Scenario.CONSUMER, t, "BenchBatch" + r, SendMode.SYNC, 4, size,
        4L * messages), keep);
    run(t, tag + "e2e", opts(Scenario.E2E, t, "BenchE2e" + r, SendMode.SYNC, 4, size,
        messages / 2), keep);
  }

  private static BenchOptions opts(Scenario s, BenchTarget t, String topic, SendMode mode,
      int threads, int size, long count) {
    return new BenchOptions(s, t.namesrv, topic, s == Scenario.CONSUMER ? 0 : 4, mode, threads,
        size, 32, 64, Duration.ofSeconds(120), count, "bench_" + topic + "_" + t.name,
        Duration.ofSeconds(30));
  }

  private void run(BenchTarget t, String what, BenchOptions o, boolean keep) throws Exception {
    double cpu0 = t.broker.cpuSeconds();
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    BenchSummary s = new BenchRun(o, quiet).run();
    double cpu = t.broker.cpuSeconds() - cpu0;
    BenchSummary.Side side = s.consume() != null ? s.consume() : s.send();
    if (s.send() != null && s.send().errors() > 0) {
      System.out.printf("  %s %s: %d send errors, first: %s%n", t.name, what, s.send().errors(),
          s.send().firstError());
    }
    BenchSummary.Latency lat = side.latencyMs();
    // the backlog rate is measured after the first delivery: consumer start-up is reported apart
    double rate = side.drainMessagesPerSecond() != null ? side.drainMessagesPerSecond()
        : side.messagesPerSecond();
    if (side.firstDeliverySeconds() != null) {
      System.out.printf(Locale.ROOT, "%-8s %-8s first delivery after %.2f s%n", t.name, what,
          side.firstDeliverySeconds());
    }
    Figure f = new Figure(rate, lat == null ? Double.NaN : lat.p50(),
        lat == null ? Double.NaN : lat.p99(), cpu / Math.max(1, side.messages()) * 1e6);
    System.out.printf(Locale.ROOT, "%-8s %-8s %9.0f msg/s  p50 %7.2f ms  p99 %7.2f ms  "
        + "CPU %6.1f s/M msgs  (%d msgs, %.1f s)%n", t.name, what, f.rate(), f.p50(), f.p99(),
        f.cpuPerMillion(), side.messages(), s.elapsedSeconds());
    if (keep) {
      figures.computeIfAbsent(what, k -> new LinkedHashMap<>())
          .computeIfAbsent(t.name, k -> new ArrayList<>()).add(f);
    }
  }

  private void summary() {
    System.out.println();
    System.out.println("| scenario | Apogee msg/s | official msg/s | ratio (rounds) | Apogee p50/p99 ms "
        + "| official p50/p99 ms | p99 ratio | Apogee CPU s/M | official CPU s/M | CPU ratio |");
    System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
    figures.forEach((what, bySystem) -> {
      List<Figure> a = bySystem.get("apogee");
      List<Figure> o = bySystem.get("official");
      StringBuilder per = new StringBuilder();
      for (int i = 0; i < Math.min(a.size(), o.size()); i++) {
        per.append(i == 0 ? "" : ", ").append(fmt(a.get(i).rate() / o.get(i).rate()));
      }
      double ap99 = median(a, Figure::p99);
      double op99 = median(o, Figure::p99);
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | x%s (%s) | %.2f / %.2f | %.2f / %.2f "
          + "| x%s | %.1f | %.1f | x%s |%n", what, median(a, Figure::rate), median(o, Figure::rate),
          fmt(median(a, Figure::rate) / median(o, Figure::rate)), per, median(a, Figure::p50), ap99,
          median(o, Figure::p50), op99, fmt(ap99 / op99), median(a, Figure::cpuPerMillion),
          median(o, Figure::cpuPerMillion),
          fmt(median(a, Figure::cpuPerMillion) / median(o, Figure::cpuPerMillion)));
    });
  }

  private static String fmt(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }

  private static double median(List<Figure> list, java.util.function.ToDoubleFunction<Figure> f) {
    double[] v = list.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
