package io.apogeemq.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-broker Apache RocketMQ 5.x cluster (official NameServer + official broker, or only the
 * broker in front of a NameServer that is already running) in child JVMs on random free loopback
 * ports with a temporary store, deleted on {@link #close()}.
 *
 * <p>Readiness is the NameServer's cluster info listing the broker's address. Start it once per
 * test class (it takes about 10 s). Thread-safe: the control methods are synchronized.
 */
public final class OfficialRocketMq implements TargetCluster {

  private static final Logger LOG = LoggerFactory.getLogger(OfficialRocketMq.class);
  private static final long NAMESRV_READY_MILLIS = 180_000;
  private static final long BROKER_READY_MILLIS = 180_000;
  /** The official jars this fixture runs (the version managed in the parent POM). */
  public static final String VERSION = "5.3.3";

  private final Path root;
  private ChildJvm namesrv;
  private final String namesrvAddress;
  private final OfficialBroker broker;
  private ChildJvm brokerProcess;

  private OfficialRocketMq(Path root, ChildJvm namesrv, String namesrvAddress,
      OfficialBroker broker) {
    this.root = root;
    this.namesrv = namesrv;
    this.namesrvAddress = namesrvAddress;
    this.broker = broker;
  }

  /** Starts a NameServer and a broker with the default configuration. */
  public static OfficialRocketMq start() throws Exception {
    return start(List.of());
  }

  /** Starts a NameServer and a broker; {@code extraBrokerConfig} lines go into broker.conf. */
  public static OfficialRocketMq start(List<String> extraBrokerConfig) throws Exception {
    Path root = TempDirs.create("official-rmq");
    ChildJvm ns = null;
    try {
      int nsPort = FreePorts.one();
      ns = OfficialNameServer.start(root.resolve("namesrv"), nsPort);
      ChildJvm started = ns;
      await("official NameServer " + nsPort + " to answer", NAMESRV_READY_MILLIS, started,
          () -> ClusterInfoProbe.answers("127.0.0.1", nsPort));
      return startWithRetries(root, ns, "127.0.0.1:" + nsPort, extraBrokerConfig);
    } catch (Exception | Error e) {
      if (ns != null) {
        ns.close();
      }
      TempDirs.delete(root);
      throw e;
    }
  }

  /**
   * Starts only an official broker registering with the NameServer at {@code namesrvAddress}
   * (for example an embedded Apogee NameServer). {@link #close()} leaves that NameServer running.
   */
  public static OfficialRocketMq startBrokerOnly(String namesrvAddress,
      List<String> extraBrokerConfig) throws Exception {
    Path root = TempDirs.create("official-broker");
    try {
      return startWithRetries(root, null, namesrvAddress, extraBrokerConfig);
    } catch (Exception | Error e) {
      TempDirs.delete(root);
      throw e;
    }
  }

  /** A port found free can be taken before the broker binds it: try up to three ports. */
  private static OfficialRocketMq startWithRetries(Path root, ChildJvm ns, String namesrvAddress,
      List<String> extra) throws Exception {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      OfficialRocketMq cluster = new OfficialRocketMq(root, ns, namesrvAddress,
          newBroker(root, namesrvAddress, extra));
      try {
        cluster.startBroker();
        return cluster;
      } catch (IOException e) {
        last = e;
        cluster.stopBroker();
        if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
        LOG.warn("broker port {} was taken meanwhile; trying another", cluster.broker.port());
      }
    }
    throw last;
  }

  private static OfficialBroker newBroker(Path root, String namesrvAddress, List<String> extra)
      throws IOException {
    return new OfficialBroker(root.resolve("broker"), "ApogeeTestCluster", "broker-a",
        FreePorts.forBroker(), namesrvAddress, extra);
  }

  @Override
  public String namesrvAddress() {
    return namesrvAddress;
  }

  @Override
  public String brokerAddress() {
    return broker.address();
  }

  @Override
  public String brokerName() {
    return broker.brokerName();
  }

  @Override
  public String clusterName() {
    return broker.clusterName();
  }

  @Override
  public String label() {
    return "official-" + VERSION;
  }

  /** The broker's log file, for failure messages. */
  public Path brokerLog() {
    return broker.dir().resolve("broker.out");
  }

  @Override
  public synchronized void startBroker() throws Exception {
    if (brokerProcess != null && brokerProcess.isAlive()) {
      throw new IllegalStateException("broker " + broker.address() + " is already running");
    }
    int port = broker.port();
    await("ports " + (port - 2) + ", " + port + ", " + (port + 1) + " to be free", 30_000, null,
        () -> FreePorts.isFree(port) && FreePorts.isFree(port - 2) && FreePorts.isFree(port + 1));
    long t0 = System.nanoTime();
    ChildJvm process = broker.start();
    brokerProcess = process;
    String[] hostPort = namesrvAddress.split(":");
    await("official broker " + broker.address() + " to register with " + namesrvAddress,
        BROKER_READY_MILLIS, process,
        () -> ClusterInfoProbe.lists(hostPort[0], Integer.parseInt(hostPort[1]),
            broker.address()));
    LOG.info("official broker {} ready in {} ms", broker.address(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public synchronized void stopBroker() throws Exception {
    if (brokerProcess != null) {
      brokerProcess.close();
      brokerProcess = null;
    }
  }

  @Override
  public synchronized void stopNamesrv() throws Exception {
    if (namesrv == null) {
      throw new UnsupportedOperationException(this + " does not own its NameServer");
    }
    namesrv.close();
  }

  @Override
  public synchronized void startNamesrv() throws Exception {
    if (namesrv == null) {
      throw new UnsupportedOperationException(this + " does not own its NameServer");
    }
    if (namesrv.isAlive()) {
      throw new IllegalStateException("NameServer " + namesrvAddress + " is already running");
    }
    String[] hostPort = namesrvAddress.split(":");
    int port = Integer.parseInt(hostPort[1]);
    await("port " + port + " to be free", 30_000, null, () -> FreePorts.isFree(port));
    ChildJvm ns = OfficialNameServer.start(root.resolve("namesrv"), port);
    namesrv = ns;
    await("official NameServer " + port + " to answer", NAMESRV_READY_MILLIS, ns,
        () -> ClusterInfoProbe.answers(hostPort[0], port));
    await("official broker " + broker.address() + " to register again with " + namesrvAddress,
        BROKER_READY_MILLIS, brokerProcess,
        () -> ClusterInfoProbe.lists(hostPort[0], port, broker.address()));
  }

  @Override
  public synchronized void killBroker() throws Exception {
    if (brokerProcess != null) {
      brokerProcess.kill();
      brokerProcess = null;
    }
  }

  @Override
  public synchronized void close() throws Exception {
    try {
      stopBroker();
    } finally {
      try {
        if (namesrv != null) {
          namesrv.close();
        }
      } finally {
        TempDirs.delete(root);
      }
    }
  }

  private static void await(String what, long timeoutMillis, ChildJvm process,
      BooleanSupplier condition) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (process != null && !process.isAlive()) {
        throw new IOException("waiting for " + what + ": " + process + " exited; log tail:\n"
            + process.logTail(3_000));
      }
      if (System.nanoTime() > deadline) {
        String tail = process == null ? "" : "; log tail:\n" + process.logTail(3_000);
        if (process != null) {
          process.close();
        }
        throw new IOException("timed out after " + timeoutMillis + " ms waiting for " + what
            + tail);
      }
      Thread.sleep(200);
    }
  }

  @Override
  public String toString() {
    return label() + "[namesrv " + namesrvAddress + ", broker " + broker.address() + "]";
  }
}
