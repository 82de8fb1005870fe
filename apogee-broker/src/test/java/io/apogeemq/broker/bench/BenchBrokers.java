package io.apogeemq.broker.bench;

import io.apogeemq.broker.support.EmbeddedNamesrv;
import io.apogeemq.testkit.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the two brokers a side-by-side benchmark compares, each in its own child JVM with the
 * same heap flags and its own in-process Apogee NameServer: the Apogee broker
 * ({@link BenchApogeeBroker}) and the official Apache RocketMQ 5.3.3 broker ({@code BrokerStartup}).
 * Both: ASYNC_FLUSH, 64 MiB CommitLog segments, loopback, auto-created topics.
 */
final class BenchBrokers {

  record Broker(String name, EmbeddedNamesrv namesrv, ChildJvm jvm) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      jvm.close();
      namesrv.close();
    }
  }

  static final List<String> JVM = List.of("-Xms512m", "-Xmx512m", "-XX:MaxDirectMemorySize=512m");

  private BenchBrokers() {}

  static Broker apogee(Path dir) throws Exception {
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

  static Broker official(Path dir) throws Exception {
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

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
