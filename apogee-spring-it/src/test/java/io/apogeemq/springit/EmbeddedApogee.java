package io.apogeemq.springit;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apogee NameServer and one Apogee broker embedded in the test JVM on free loopback ports,
 * with their files in a temporary directory that {@link #close()} deletes.
 *
 * <p>The given topics exist before the broker starts, so the broker's first (synchronous)
 * registration already carries their routes: a consumer that starts right after
 * {@link #start(List)} finds them at once instead of waiting for its 30 s route poll.
 *
 * <p>Not thread-safe: one test thread starts and closes it.
 */
final class EmbeddedApogee implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApogee.class);

  private final Path root;
  private final NamesrvServer namesrv;
  private final BrokerServer broker;

  private EmbeddedApogee(Path root, NamesrvServer namesrv, BrokerServer broker) {
    this.root = root;
    this.namesrv = namesrv;
    this.broker = broker;
  }

  /** Starts the NameServer, then the broker with {@code topics} (4 queues each). */
  static EmbeddedApogee start(List<String> topics) throws Exception {
    Path root = TempDirs.create("apogee-spring-it");
    NamesrvServer ns = null;
    BrokerServer broker = null;
    try {
      ns = NamesrvServer.create(NamesrvConfig.fromProperties(namesrvProperties(root), LOG::warn),
          Clock.systemUTC());
      ns.start();
      broker = BrokerServer.create(BrokerConfig.fromProperties(
          brokerProperties(root, "127.0.0.1:" + ns.port()), LOG::warn), Clock.systemUTC());
      for (String topic : topics) {
        broker.topics().put(TopicConfig.of(topic, 4));
      }
      broker.start();
      return new EmbeddedApogee(root, ns, broker);
    } catch (Exception | Error e) {
      if (broker != null) {
        broker.close();
      }
      if (ns != null) {
        ns.close();
      }
      TempDirs.delete(root);
      throw e;
    }
  }

  private static Properties namesrvProperties(Path root) {
    Properties p = new Properties();
    p.setProperty("listenPort", "0");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("kvConfigPath", root.resolve("namesrv/kv.json").toString());
    p.setProperty("configStorePath", root.resolve("namesrv/namesrv.properties").toString());
    return p;
  }

  private static Properties brokerProperties(Path root, String namesrvAddr) {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", root.resolve("broker").toString());
    p.setProperty("brokerClusterName", "ApogeeSpringCluster");
    p.setProperty("brokerName", "broker-spring");
    p.setProperty("brokerIP1", "127.0.0.1");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("listenPort", "0");
    p.setProperty("namesrvAddr", namesrvAddr);
    p.setProperty("mappedFileSizeCommitLog", Integer.toString(8 * 1024 * 1024));
    p.setProperty("mappedFileSizeConsumeQueue", Integer.toString(20 * 10_000));
    p.setProperty("maxIndexNum", "10000");
    p.setProperty("maxHashSlotNum", "2000");
    return p;
  }

  String namesrvAddr() {
    return "127.0.0.1:" + namesrv.port();
  }

  BrokerServer broker() {
    return broker;
  }

  @Override
  public void close() throws Exception {
    try {
      broker.close();
    } finally {
      try {
        namesrv.close();
      } finally {
        TempDirs.delete(root);
      }
    }
  }
}
