package io.apogeemq.cli.bench;

import io.apogeemq.cli.admin.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code apogee bench producer|consumer|e2e [options]}: load against any NameServer (Apogee or
 * Apache RocketMQ) with the Apogee client. Progress lines go to stderr once a second; the JSON
 * summary goes to stdout (and to {@code --summary FILE}).
 *
 * <p>Exit codes, the same as {@code apogee admin}'s ({@link io.apogeemq.cli.admin.ExitCode}): 0
 * when every send succeeded, 1 when some sends failed or nothing was measured, 2 for bad options,
 * 3 when the cluster cannot be reached.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure a cluster: producer (sync/async/oneway/batch), consumer (backlog) or "
        + "e2e (send and consume at once). Progress once a second on stderr, JSON summary on stdout.")
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "producer, consumer or e2e")
  String scenario;

  @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "HOST:PORT[;HOST:PORT]",
      description = "NameServer(s); default $NAMESRV_ADDR, else 127.0.0.1:9876")
  String namesrv;

  @Option(names = {"-t", "--topic"}, defaultValue = "BenchmarkTest", description = "topic (default ${DEFAULT-VALUE})")
  String topic;

  @Option(names = {"-q", "--queues"}, defaultValue = "0",
      description = "create the topic with this many queues first (0: auto-create / existing)")
  int queues;

  @Option(names = {"-m", "--mode"}, defaultValue = "sync", description = "sync, async, oneway or batch (default ${DEFAULT-VALUE})")
  String mode;

  @Option(names = {"-w", "--threads"}, defaultValue = "4", description = "producer / listener threads (default ${DEFAULT-VALUE})")
  int threads;

  @Option(names = {"-s", "--size"}, defaultValue = "1024", description = "body bytes (default ${DEFAULT-VALUE})")
  int size;

  @Option(names = {"-b", "--batch"}, defaultValue = "32", description = "messages per batch send (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = {"-i", "--inflight"}, defaultValue = "64",
      description = "unanswered async sends per thread (default ${DEFAULT-VALUE})")
  int inflight;

  @Option(names = {"-d", "--duration"}, defaultValue = "30", description = "seconds to run (default ${DEFAULT-VALUE})")
  long durationSeconds;

  @Option(names = {"-c", "--count"}, defaultValue = "0",
      description = "messages to send (producer, e2e) or receive (consumer); 0 = until the duration ends")
  long count;

  @Option(names = {"-g", "--group"}, description = "consumer group (default a fresh one per run)")
  String group;

  @Option(names = "--report-interval", defaultValue = "1000", description = "progress period in ms (default ${DEFAULT-VALUE})")
  long reportMillis;

  @Option(names = "--summary", paramLabel = "FILE", description = "also write the JSON summary to FILE")
  Path summaryFile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BenchOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      err.println("apogee bench: " + e.getMessage());
      return ExitCode.USAGE;
    }
    BenchSummary summary;
    try {
      summary = new BenchRun(options, err).run();
    } catch (RuntimeException e) {
      err.println("apogee bench: cannot run against NameServer " + options.namesrv() + ": "
          + e.getMessage());
      return ExitCode.UNREACHABLE;
    }
    String json = summary.toJson();
    out.println(json);
    out.flush();
    if (summaryFile != null) {
      try {
        Files.writeString(summaryFile, json + System.lineSeparator());
      } catch (IOException e) {
        err.println("apogee bench: cannot write the summary to " + summaryFile + ": " + e.getMessage());
        return ExitCode.FAILED;
      }
    }
    return healthy(summary) ? ExitCode.OK : ExitCode.FAILED;
  }

  private static boolean healthy(BenchSummary s) {
    long errors = s.send() == null ? 0 : s.send().errors();
    long done = s.send() != null ? s.send().messages() : s.consume().messages();
    return errors == 0 && done > 0;
  }

  BenchOptions options() {
    Scenario sc = parse(Scenario.class, scenario, "scenario");
    SendMode m = parse(SendMode.class, mode, "mode");
    String ns = namesrv != null ? namesrv : System.getenv("NAMESRV_ADDR");
    if (ns == null || ns.isBlank()) {
      ns = "127.0.0.1:9876";
    }
    if (durationSeconds < 1) {
      throw new IllegalArgumentException("duration must be at least 1 s, was " + durationSeconds);
    }
    if (reportMillis < 10) {
      throw new IllegalArgumentException("report interval must be at least 10 ms, was " + reportMillis);
    }
    String g = group != null ? group : "apogee_bench_" + Long.toString(System.currentTimeMillis(), 36);
    return new BenchOptions(sc, ns, topic, queues, m, threads, size, batch, inflight,
        Duration.ofSeconds(durationSeconds), count, g, Duration.ofMillis(reportMillis));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder names = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        names.append(names.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException("unknown " + what + " '" + value + "' (one of " + names + ")");
    }
  }
}
