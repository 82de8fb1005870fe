package io.apogeemq.clientit;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.testkit.ClusterInfoProbe;
import io.apogeemq.testkit.FreePorts;
import io.apogeemq.testkit.TargetCluster;
import io.apogeemq.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apogee's NameServer and one Apogee broker, embedded in the test JVM on free loopback ports,
 * with their files in a temporary directory that {@link #close()} deletes.
 *
 * <p>The broker keeps its port across {@link #stopBroker()} / {@link #startBroker()} (the first
 * start picks a free one) and reopens the same store. {@link #killBroker()} cannot kill a thread
 * group abruptly inside one JVM: it closes the broker like {@link #stopBroker()}.
 *
 * <p>Thread-safe: the control methods are synchronized.
 */
public final class EmbeddedApogeeCluster implements TargetCluster {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApogeeCluster.class);
  static final String CLUSTER = "ApogeeTestCluster";
  static final String BROKER = "broker-a";

  private final Path root;
  private NamesrvServer namesrv;
  private final int namesrvPort;
  private BrokerServer broker;
  private int brokerPort;

  private EmbeddedApogeeCluster(Path root, NamesrvServer namesrv) {
    this.root = root;
    this.namesrv = namesrv;
    this.namesrvPort = namesrv.port();
  }

  /** Starts the NameServer and the broker; returns once the broker is registered. */
  public static EmbeddedApogeeCluster start() throws Exception {
    Path root = TempDirs.create("apogee-client-it");
    NamesrvServer ns = null;
    try {
      ns = startNamesrv(root, 0);
      EmbeddedApogeeCluster cluster = new EmbeddedApogeeCluster(root, ns);
      cluster.startBroker();
      return cluster;
    } catch (Exception | Error e) {
      if (ns != null) {
        ns.close();
      }
      TempDirs.delete(root);
      throw e;
    }
  }

  private static NamesrvServer startNamesrv(Path root, int port) throws Exception {
    Properties p = new Properties();
    p.setProperty("listenPort", Integer.toString(port));
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("kvConfigPath", root.resolve("namesrv/kv.json").toString());
    p.setProperty("configStorePath", root.resolve("namesrv/namesrv.properties").toString());
    NamesrvServer ns = NamesrvServer.create(NamesrvConfig.fromProperties(p, LOG::warn),
        Clock.systemUTC());
    try {
      ns.start();
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  private BrokerConfig brokerConfig() {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", root.resolve("broker").toString());
    p.setProperty("brokerClusterName", CLUSTER);
    p.setProperty("brokerName", BROKER);
    p.setProperty("brokerIP1", "127.0.0.1");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("listenPort", Integer.toString(brokerPort));
    p.setProperty("namesrvAddr", namesrvAddress());
    // re-registration every 10 s (the minimum) so a restarted NameServer learns the broker soon
    p.setProperty("registerNameServerPeriod", "10000");
    p.setProperty("mappedFileSizeCommitLog", Integer.toString(64 * 1024 * 1024));
    p.setProperty("mappedFileSizeConsumeQueue", Integer.toString(20 * 30_000));
    p.setProperty("maxIndexNum", "100000");
    p.setProperty("maxHashSlotNum", "20000");
    // the same feature keys the official target's broker.conf sets (testkit OfficialBroker)
    p.setProperty("enablePropertyFilter", "true");
    p.setProperty("transactionCheckInterval", "3000");
    return BrokerConfig.fromProperties(p, LOG::warn);
  }

  @Override
  public String namesrvAddress() {
    return "127.0.0.1:" + namesrvPort;
  }

  @Override
  public synchronized String brokerAddress() {
    return "127.0.0.1:" + brokerPort;
  }

  @Override
  public String brokerName() {
    return BROKER;
  }

  @Override
  public String clusterName() {
    return CLUSTER;
  }

  @Override
  public String label() {
    return "apogee-embedded";
  }

  @Override
  public synchronized void startBroker() throws Exception {
    if (broker != null) {
      throw new IllegalStateException("broker " + brokerAddress() + " is already running");
    }
    BrokerServer b = BrokerServer.create(brokerConfig(), Clock.systemUTC());
    try {
      b.start();
    } catch (RuntimeException e) {
      b.close();
      throw e;
    }
    broker = b;
    brokerPort = b.endpoint().port();
    LOG.info("Apogee broker {} started, registered with {}", brokerAddress(), namesrvAddress());
  }

  @Override
  public synchronized void stopBroker() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  @Override
  public synchronized void stopNamesrv() {
    if (namesrv != null) {
      namesrv.close();
      namesrv = null;
    }
  }

  /** Same port, same files; returns once the running broker registered again (≤ 10 s). */
  @Override
  public synchronized void startNamesrv() throws Exception {
    if (namesrv != null) {
      throw new IllegalStateException("NameServer " + namesrvAddress() + " is already running");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!FreePorts.isFree(namesrvPort) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    namesrv = startNamesrv(root, namesrvPort);
    if (broker != null) {
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!ClusterInfoProbe.lists("127.0.0.1", namesrvPort, brokerAddress())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("broker " + brokerAddress()
              + " did not register again with " + namesrvAddress() + " within 60 s");
        }
        Thread.sleep(200);
      }
    }
  }

  @Override
  public void killBroker() {
    stopBroker();
  }

  @Override
  public synchronized void close() throws Exception {
    try {
      stopBroker();
    } finally {
      try {
        stopNamesrv();
      } finally {
        TempDirs.delete(root);
      }
    }
  }

  @Override
  public String toString() {
    return label() + "[namesrv " + namesrvAddress() + ", broker " + brokerAddress() + "]";
  }
}
