package io.apogeemq.cli.bench;

import io.apogeemq.testkit.ChildJvm;
import io.apogeemq.testkit.ClusterInfoProbe;
import io.apogeemq.testkit.FreePorts;
import io.apogeemq.testkit.OfficialBroker;
import io.apogeemq.testkit.OfficialNameServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One system under test of {@link BrokerBenchmark}, started in child JVMs on loopback:
 *
 * <ul>
 *   <li>{@code apogee}: {@code io.apogeemq.cli.Apogee standalone -c broker.conf} (NameServer and
 *       broker in one JVM), with the given JVM flags and class path;
 *   <li>{@code official}: the official 5.3.3 NameServer and broker (testkit's {@link
 *       OfficialNameServer} and {@link OfficialBroker}, broker flags {@code -Xms256m -Xmx512m
 *       -XX:MaxDirectMemorySize=256m}), two JVMs.
 * </ul>
 *
 * Both: ASYNC_FLUSH, 64 MiB CommitLog files, 600,000-byte consume-queue files. {@code readyMillis}
 * is the time from just before the broker process was started to its port answering a request
 * (any answer frame; polled every 2 ms), {@code readyCpuSeconds} the CPU time the broker JVM had
 * used by then (a figure a loaded machine does not inflate); {@code registeredMillis} the time to
 * its NameServer listing it.
 * Not thread-safe.
 */
final class BenchTarget implements AutoCloseable {

  final String name;
  final String namesrv;
  final ChildJvm broker;
  final long readyMillis;
  final long registeredMillis;
  /** CPU seconds the broker JVM had used when its port first answered (load-insensitive). */
  final double readyCpuSeconds;
  private final List<ChildJvm> others;

  private BenchTarget(String name, String namesrv, ChildJvm broker, long readyMillis,
      double readyCpuSeconds, long registeredMillis, List<ChildJvm> others) {
    this.readyCpuSeconds = readyCpuSeconds;
    this.name = name;
    this.namesrv = namesrv;
    this.broker = broker;
    this.readyMillis = readyMillis;
    this.registeredMillis = registeredMillis;
    this.others = others;
  }

  static BenchTarget apogee(Path dir, List<String> jvmFlags, String classPath) throws Exception {
    int nsPort = FreePorts.one();
    int port = FreePorts.forBroker();
    Path conf = dir.resolve("broker.conf");
    Files.createDirectories(dir);
    Files.writeString(conf, String.join("\n", "brokerClusterName=BenchCluster",
        "brokerName=apogee-bench", "brokerIP1=127.0.0.1", "bindAddress=127.0.0.1",
        "listenPort=" + port, "namesrvAddr=127.0.0.1:" + nsPort,
        "storePathRootDir=" + dir.resolve("store"), "mappedFileSizeCommitLog=67108864",
        "mappedFileSizeConsumeQueue=600000", "flushDiskType=ASYNC_FLUSH", ""));
    List<String> jvm = new ArrayList<>(jvmFlags);
    jvm.add("-Dapogee.log.dir=" + dir.resolve("logs"));
    ChildJvm child = ChildJvm.start("apogee-standalone", jvm, classPath, "io.apogeemq.cli.Apogee",
        List.of("standalone", "-c", conf.toString()), dir.resolve("standalone.out"));
    try {
      long ready = awaitAnswer(child, port);
      double cpu = child.cpuSeconds();
      long registered = awaitListed(child, nsPort, "127.0.0.1:" + port);
      return new BenchTarget("apogee", "127.0.0.1:" + nsPort, child, ready, cpu, registered,
          List.of());
    } catch (Exception | Error e) {
      child.close();
      throw e;
    }
  }

  static BenchTarget official(Path dir) throws Exception {
    int nsPort = FreePorts.one();
    ChildJvm ns = OfficialNameServer.start(dir.resolve("namesrv"), nsPort);
    try {
      awaitAnswer(ns, nsPort);
      int port = FreePorts.forBroker();
      OfficialBroker spec = new OfficialBroker(dir.resolve("broker"), "BenchCluster",
          "official-bench", port, "127.0.0.1:" + nsPort, List.of());
      ChildJvm broker = spec.start();
      try {
        long ready = awaitAnswer(broker, port);
        double cpu = broker.cpuSeconds();
        long registered = awaitListed(broker, nsPort, spec.address());
        return new BenchTarget("official", "127.0.0.1:" + nsPort, broker, ready, cpu, registered,
            List.of(ns));
      } catch (Exception | Error e) {
        broker.close();
        throw e;
      }
    } catch (Exception | Error e) {
      ns.close();
      throw e;
    }
  }

  /** Resident memory of every JVM of this system (broker and, for the official one, its NameServer), KiB. */
  long totalRssKb() throws IOException {
    long kb = broker.rssKb();
    for (ChildJvm c : others) {
      kb += c.rssKb();
    }
    return kb;
  }

  /** Anonymous resident memory of every JVM of this system, KiB. */
  long totalRssAnonKb() throws IOException {
    long kb = broker.rssAnonKb();
    for (ChildJvm c : others) {
      kb += c.rssAnonKb();
    }
    return kb;
  }

  private static long awaitAnswer(ChildJvm child, int port) throws Exception {
    long deadline = child.startNanos() + TimeUnit.SECONDS.toNanos(300);
    while (true) {
      try {
        if (ClusterInfoProbe.query("127.0.0.1", port, 2_000).contains("\"code\"")) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - child.startNanos());
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      check(child, deadline, "port " + port + " to answer");
      Thread.sleep(2);
    }
  }

  private static long awaitListed(ChildJvm child, int nsPort, String address) throws Exception {
    long deadline = child.startNanos() + TimeUnit.SECONDS.toNanos(300);
    while (!ClusterInfoProbe.lists("127.0.0.1", nsPort, address)) {
      check(child, deadline, address + " to register");
      Thread.sleep(5);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - child.startNanos());
  }

  private static void check(ChildJvm child, long deadline, String what) throws IOException {
    if (!child.isAlive()) {
      throw new IOException(child + " exited while waiting for " + what + ":\n"
          + child.logTail(3000));
    }
    if (System.nanoTime() - deadline > 0) {
      throw new IOException("timed out waiting for " + what + " of " + child + ":\n"
          + child.logTail(3000));
    }
  }

  @Override
  public void close() throws Exception {
    try {
      broker.close();
    } finally {
      for (ChildJvm c : others) {
        c.close();
      }
    }
  }
}
