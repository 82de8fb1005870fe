package io.apogeemq.hait;

import static org.awaitility.Awaitility.await;

import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.testkit.ChildJvm;
import io.apogeemq.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Two Apogee NameServers in this JVM and any number of Apogee broker processes registered with
 * both, plus an official admin client to read their runtime status. Everything lives under one
 * temporary directory that {@link #close()} deletes after stopping every process it started.
 */
final class HaCluster implements AutoCloseable {

  private final Path dir;
  private final List<NamesrvServer> namesrvs = new ArrayList<>();
  private final Map<String, ChildJvm> running = new HashMap<>();
  private final Map<String, ApogeeBrokerProcess> brokers = new HashMap<>();
  private final DefaultMQAdminExt admin;
  private final String namesrvAddr;

  HaCluster() throws Exception {
    dir = Files.createTempDirectory("apogee-ha-cluster");
    List<String> addrs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path nd = Files.createDirectories(dir.resolve("namesrv-" + i));
      Properties p = new Properties();
      p.setProperty("listenPort", "0");
      p.setProperty("bindAddress", "127.0.0.1");
      p.setProperty("kvConfigPath", nd.resolve("kv.json").toString());
      p.setProperty("configStorePath", nd.resolve("namesrv.properties").toString());
      NamesrvServer s = NamesrvServer.create(NamesrvConfig.fromProperties(p, w -> { }),
          Clock.systemUTC());
      s.start();
      namesrvs.add(s);
      addrs.add("127.0.0.1:" + s.port());
    }
    namesrvAddr = String.join(";", addrs);
    admin = new DefaultMQAdminExt("ha-it-admin");
    admin.setNamesrvAddr(namesrvAddr);
    admin.setInstanceName("ha-it-admin-" + System.nanoTime());
    admin.start();
  }

  String namesrvAddr() {
    return namesrvAddr;
  }

  Path dir() {
    return dir;
  }

  /** Declares a broker (ports chosen now, kept across restarts) without starting it. */
  ApogeeBrokerProcess define(String id, String brokerName, Map<String, String> extra)
      throws IOException {
    ApogeeBrokerProcess b = new ApogeeBrokerProcess(brokerName, dir.resolve(id),
        FreePorts.forBroker(), namesrvAddr, extra);
    brokers.put(id, b);
    return b;
  }

  /** Starts (or restarts) a declared broker and waits until it answers admin requests. */
  void start(String id) throws Exception {
    ApogeeBrokerProcess b = brokers.get(id);
    ChildJvm jvm = b.start();
    running.put(id, jvm);
    try {
      // generous: on the shared 2-core build machine a broker JVM needs up to ~30 s to start
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().until(() -> !runtime(id).isEmpty() && registered(b));
    } catch (RuntimeException e) {
      throw new AssertionError("broker " + id + " did not start: " + jvm.logTail(3000), e);
    }
  }

  /** True when the NameServers list the broker (so a slave registering next learns its master). */
  private boolean registered(ApogeeBrokerProcess b) throws Exception {
    var data = admin.examineBrokerClusterInfo().getBrokerAddrTable().get(b.brokerName());
    return data != null && data.getBrokerAddrs().containsValue(b.address());
  }

  ApogeeBrokerProcess broker(String id) {
    return brokers.get(id);
  }

  /** SIGKILL: no shutdown hook, no unregistration. */
  void kill(String id) throws InterruptedException {
    ChildJvm jvm = running.remove(id);
    if (jvm != null) {
      jvm.kill();
    }
  }

  /** SIGTERM and wait: a clean stop (store flushed, unregistered). */
  void stop(String id) throws InterruptedException {
    ChildJvm jvm = running.remove(id);
    if (jvm != null) {
      jvm.close();
    }
  }

  /** Sends SIGSTOP or SIGCONT to a broker process (freezes it without closing its sockets). */
  void signal(String id, String signal) throws Exception {
    ChildJvm jvm = running.get(id);
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid()))
        .redirectErrorStream(true).start();
    p.waitFor();
  }

  String log(String id) {
    ChildJvm jvm = running.get(id);
    return jvm == null ? "(not running)" : jvm.logTail(4000);
  }

  /** The broker's GET_BROKER_RUNTIME_INFO table read with the official admin client. */
  Map<String, String> runtime(String id) throws Exception {
    return admin.fetchBrokerRuntimeStats(brokers.get(id).address()).getTable();
  }

  DefaultMQAdminExt admin() {
    return admin;
  }

  @Override
  public void close() throws Exception {
    admin.shutdown();
    for (ChildJvm jvm : running.values()) {
      jvm.kill();
    }
    running.clear();
    for (NamesrvServer s : namesrvs) {
      s.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
