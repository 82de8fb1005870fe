package io.apogeemq.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.cli.Apogee;
import io.apogeemq.cli.Standalone;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code apogee bench} against an embedded standalone Apogee (NameServer + broker) on free ports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchCommandIT {

  private Path dir;
  private Standalone server;
  private String namesrv;

  record Run(int exit, String out, String err) {
    BenchSummary summary() throws IOException {
      return BenchSummary.fromJson(out);
    }
  }

  @BeforeAll
  void startServer(@TempDir Path dir) throws IOException {
    this.dir = dir;
    Properties p = new Properties();
    p.setProperty("brokerName", "bench-broker");
    p.setProperty("namesrvAddr", "127.0.0.1:" + freePort());
    p.setProperty("listenPort", "0");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("storePathRootDir", dir.resolve("store").toString());
    p.setProperty("mappedFileSizeCommitLog", Integer.toString(16 << 20));
    p.setProperty("mappedFileSizeConsumeQueue", "200000");
    p.setProperty("maxIndexNum", "10000");
    server = Standalone.start(p, w -> { });
    namesrv = "127.0.0.1:" + server.namesrvPort();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Apogee());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("bench"));
    all.addAll(List.of(args));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void syncProducerSendsExactlyTheCountAndReportsLatencies() throws Exception {
    Run r = bench("producer", "-n", namesrv, "-t", "BenchSync", "-q", "4", "-m", "sync",
        "-w", "2", "-s", "512", "-c", "300", "-d", "30", "--report-interval", "100");
    assertThat(r.exit()).as(r.err()).isZero();
    BenchSummary s = r.summary();
    assertThat(s.scenario()).isEqualTo("producer");
    assertThat(s.mode()).isEqualTo("sync");
    assertThat(s.consume()).isNull();
    assertThat(s.send().messages()).isEqualTo(300);
    assertThat(s.send().errors()).isZero();
    assertThat(s.send().latencyMs().samples()).isEqualTo(300);
    assertThat(s.send().latencyMs().p99()).isGreaterThanOrEqualTo(s.send().latencyMs().p50());
    assertThat(s.send().messagesPerSecond()).isPositive();
    long stored = 0;
    for (int q = 0; q < 4; q++) {
      stored += server.broker().store().maxOffset("BenchSync", q);
    }
    assertThat(stored).isEqualTo(300);
  }

  @Test
  void asyncBatchAndOnewayProducersThenABacklogConsumerCountEveryMessage() throws Exception {
    Run async = bench("producer", "-n", namesrv, "-t", "BenchMix", "-q", "4", "-m", "async",
        "-w", "2", "-i", "16", "-c", "400", "-d", "30");
    Run batch = bench("producer", "-n", namesrv, "-t", "BenchMix", "-m", "batch", "-b", "32",
        "-w", "1", "-c", "100", "-d", "30");
    Run oneway = bench("producer", "-n", namesrv, "-t", "BenchMix", "-m", "oneway", "-w", "1",
        "-c", "50", "-d", "30");
    assertThat(async.exit()).as(async.err()).isZero();
    assertThat(async.summary().send().messages()).isEqualTo(400);
    assertThat(batch.exit()).as(batch.err()).isZero();
    assertThat(batch.summary().send().messages()).isEqualTo(100);
    assertThat(batch.summary().batch()).isEqualTo(32);
    assertThat(batch.summary().send().latencyMs().samples()).isEqualTo(4); // 32+32+32+4
    assertThat(oneway.exit()).as(oneway.err()).isZero();
    assertThat(oneway.summary().send().messages()).isEqualTo(50);

    Run consumer = bench("consumer", "-n", namesrv, "-t", "BenchMix", "-w", "2", "-c", "550",
        "-d", "40", "--summary", dir.resolve("consumer.json").toString());
    assertThat(consumer.exit()).as(consumer.err()).isZero();
    BenchSummary s = consumer.summary();
    assertThat(s.send()).isNull();
    assertThat(s.mode()).isNull();
    assertThat(s.consume().messages()).isGreaterThanOrEqualTo(550);
    assertThat(s.consume().firstDeliverySeconds()).isPositive().isLessThan(s.elapsedSeconds());
    assertThat(s.consume().drainMessagesPerSecond())
        .isGreaterThanOrEqualTo(s.consume().messagesPerSecond());
    assertThat(BenchSummary.fromJson(Files.readString(dir.resolve("consumer.json"))))
        .isEqualTo(s);
  }

  @Test
  void endToEndConsumesEveryMessageItSentWithLatencies() throws Exception {
    Run r = bench("e2e", "-n", namesrv, "-t", "BenchE2e", "-m", "sync", "-w", "2", "-c", "200",
        "-d", "30", "--report-interval", "200");
    System.out.println(r.err());
    assertThat(r.exit()).as(r.err()).isZero();
    BenchSummary s = r.summary();
    assertThat(s.send().messages()).isEqualTo(200);
    assertThat(s.consume().messages()).isGreaterThanOrEqualTo(200);
    assertThat(s.consume().latencyMs().samples()).isEqualTo(s.consume().messages());
    assertThat(s.consume().latencyMs().p50()).isPositive();
    assertThat(r.err()).contains("send").contains("recv").contains("msg/s");
  }

  @Test
  void aDurationBoundRunStopsOnTimeAndPrintsAProgressLineEachInterval() throws Exception {
    long t0 = System.nanoTime();
    Run r = bench("producer", "-n", namesrv, "-t", "BenchTimed", "-m", "sync", "-w", "1",
        "-d", "2", "--report-interval", "250");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(ms).isLessThan(15_000);
    assertThat(r.summary().elapsedSeconds()).isBetween(1.9, 6.0);
    assertThat(r.err().lines().filter(l -> l.contains("send") && l.contains("p99")).count())
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void badOptionsAndAnUnreachableNameServerAreOneClearLine() throws Exception {
    Run scenario = bench("nonsense", "-n", namesrv);
    assertThat(scenario.exit()).isEqualTo(2);
    assertThat(scenario.err()).contains("unknown scenario 'nonsense' (one of producer, consumer, e2e)");
    Run size = bench("producer", "-n", namesrv, "-s", "0");
    assertThat(size.exit()).isEqualTo(2);
    assertThat(size.err()).contains("message size must be 1..4194304 bytes, was 0");
    String nobody = "127.0.0.1:" + freePort();
    Run down = bench("producer", "-n", nobody, "-c", "1");
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).startsWith("apogee bench: cannot run against NameServer " + nobody);
    assertThat(down.err().lines().count()).isEqualTo(1);
    assertThat(down.out()).isEmpty();
  }
}
