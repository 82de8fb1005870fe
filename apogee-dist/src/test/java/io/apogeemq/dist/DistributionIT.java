package io.apogeemq.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.testkit.FreePorts;
import io.apogeemq.testkit.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unpacks the tarball that {@code mvn package} built into a temporary directory and uses it as
 * an operator would: {@code mqnamesrv} and {@code mqbroker} on free ports, {@code mqadmin}
 * commands, then {@code mqshutdown} — after which no process of the test is left.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DistributionIT {

  private Path dir;
  private Path home;
  private final List<Process> servers = new ArrayList<>();

  @BeforeEach
  void unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("apogee.dist.tarball",
        "target/apogee-0.1.0-SNAPSHOT.tar.gz"));
    assertThat(tarball).as("run 'mvn package' first").isRegularFile();
    dir = TempDirs.create("apogee-dist-it");
    Result untar = run(List.of("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C",
        dir.toString()), 60);
    assertThat(untar.code()).as(untar.toString()).isZero();
    try (var entries = Files.list(dir)) {
      home = entries.findFirst().orElseThrow();
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : servers) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    if (dir != null) {
      TempDirs.delete(dir);
    }
  }

  record Result(int code, String out) {}

  private ProcessBuilder builder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("JAVA_OPTS", "-Xmx192m -Xms64m");
    pb.environment().remove("NAMESRV_ADDR");
    return pb;
  }

  private Result run(List<String> command, int timeoutSeconds) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Process p = builder(command).redirectOutput(out.toFile()).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, "timed out: " + Files.readString(out));
    }
    return new Result(p.exitValue(), Files.readString(out));
  }

  private Result bin(String script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin").resolve(script).toString());
    cmd.addAll(List.of(args));
    return run(cmd, 90);
  }

  private Process startServer(String script, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin").resolve(script).toString());
    cmd.addAll(List.of(args));
    Process p = builder(cmd).redirectOutput(log.toFile()).start();
    servers.add(p);
    return p;
  }

  private static void awaitPort(int port, Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("server exited: " + Files.readString(log)).isTrue();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("port " + port + " not open in time: " + Files.readString(log));
  }

  @Test
  void unpackedDistributionRunsAClusterThatMqadminManagesAndStopsCleanly() throws Exception {
    assertThat(home.resolve("conf/broker.conf")).isRegularFile();
    assertThat(home.resolve("conf/namesrv.conf")).isRegularFile();
    assertThat(home.resolve("conf/logback.xml")).isRegularFile();
    try (var libs = Files.list(home.resolve("lib"))) {
      assertThat(libs.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("apogee-cli-")).anyMatch(n -> n.startsWith("netty"));
    }
    for (String s : List.of("apogee", "mqnamesrv", "mqbroker", "mqadmin", "mqshutdown")) {
      assertThat(Files.isExecutable(home.resolve("bin").resolve(s))).as(s).isTrue();
    }

    int nsPort = FreePorts.one();
    int brokerPort = FreePorts.forBroker();
    String ns = "127.0.0.1:" + nsPort;
    Path nsConf = dir.resolve("namesrv.conf");
    Files.writeString(nsConf, "listenPort=" + nsPort + "\nbindAddress=127.0.0.1\n"
        + "kvConfigPath=" + dir.resolve("ns/kv.json") + "\n"
        + "configStorePath=" + dir.resolve("ns/namesrv.properties") + "\n");
    Path brokerConf = dir.resolve("broker.conf");
    Files.writeString(brokerConf, "brokerClusterName=DistCluster\nbrokerName=broker-dist\n"
        + "listenPort=" + brokerPort + "\nbindAddress=127.0.0.1\nbrokerIP1=127.0.0.1\n"
        + "storePathRootDir=" + dir.resolve("store") + "\n"
        + "mappedFileSizeCommitLog=8388608\nmappedFileSizeConsumeQueue=200000\n"
        + "maxIndexNum=10000\nnamesrvAddr=127.0.0.1:1\n");

    Path nsLog = dir.resolve("namesrv.out");
    Process namesrv = startServer("mqnamesrv", nsLog, "-c", nsConf.toString());
    awaitPort(nsPort, namesrv, nsLog);
    Path brokerLog = dir.resolve("broker.out");
    Process broker = startServer("mqbroker", brokerLog, "-c", brokerConf.toString(), "-n", ns);
    awaitPort(brokerPort, broker, brokerLog);

    Result created = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    do {
      created = bin("mqadmin", "updateTopic", "-n", ns, "-c", "DistCluster", "-t", "DistTopic",
          "-w", "2", "-r", "2");
    } while (created.code() == 4 && System.nanoTime() < deadline); // broker not registered yet
    assertThat(created.code()).as(created.out()).isZero();
    assertThat(created.out()).contains("DistTopic").doesNotContain("INFO");

    Result list = bin("mqadmin", "topicList", "-n", ns);
    assertThat(list.code()).as(list.out()).isZero();
    assertThat(list.out().lines()).contains("DistTopic");

    Result sent = bin("mqadmin", "sendMessage", "-n", ns, "-t", "DistTopic", "-p", "from dist");
    assertThat(sent.code()).as(sent.out()).isZero();
    assertThat(sent.out()).contains("SEND_OK");

    Result status = bin("mqadmin", "topicStatus", "-n", ns, "-t", "DistTopic", "--json");
    assertThat(status.code()).as(status.out()).isZero();
    assertThat(status.out()).contains("\"maxOffset\" : 1");

    Result consumed = bin("mqadmin", "consumeMessage", "-n", ns, "-t", "DistTopic");
    assertThat(consumed.code()).as(consumed.out()).isZero();
    assertThat(consumed.out()).contains("body=from dist").contains("Consumed 1 message(s)");

    Result unreachable = bin("mqadmin", "topicList", "-n", "127.0.0.1:" + FreePorts.one());
    assertThat(unreachable.code()).isEqualTo(3);
    assertThat(unreachable.out().trim()).startsWith("cannot reach NameServer 127.0.0.1:")
        .endsWith(": connection refused");

    Result stopBroker = bin("mqshutdown", "broker");
    assertThat(stopBroker.code()).as(stopBroker.out()).isZero();
    assertThat(stopBroker.out()).contains("stopped");
    assertThat(broker.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(brokerLog)).doesNotContain("Exception");
    Result stopNamesrv = bin("mqshutdown", "namesrv");
    assertThat(stopNamesrv.code()).as(stopNamesrv.out()).isZero();
    assertThat(namesrv.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(broker.descendants().count() + namesrv.descendants().count()).isZero();
    assertThat(bin("mqshutdown", "broker").out()).contains("No Apogee broker running");
    assertThat(home.resolve("run/broker.pid")).doesNotExist();
    assertThat(new String(Files.readAllBytes(brokerLog), StandardCharsets.UTF_8))
        .contains("Apogee broker ready");
  }
}
