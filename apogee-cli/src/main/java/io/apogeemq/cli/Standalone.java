package io.apogeemq.cli;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A NameServer and a broker in one JVM, configured from one {@code broker.conf}:
 *
 * <ul>
 *   <li>the broker reads the file as usual; when absent, {@code namesrvAddr} defaults to
 *       {@code 127.0.0.1:9876}, {@code brokerIP1} to {@code 127.0.0.1} and
 *       {@code storePathRootDir} to {@code ./data};
 *   <li>the NameServer listens on the port of the first {@code namesrvAddr} entry and keeps its
 *       files in {@code <storePathRootDir>/namesrv/}.
 * </ul>
 *
 * <p>So two instances run side by side from two files that differ in {@code namesrvAddr},
 * {@code listenPort} and {@code storePathRootDir}. {@link #close()} stops the broker (unregister,
 * flush, checkpoint) and then the NameServer. Not thread-safe; start and close from one thread.
 */
public final class Standalone implements AutoCloseable {

  private final NamesrvServer namesrv;
  private final BrokerServer broker;

  private Standalone(NamesrvServer namesrv, BrokerServer broker) {
    this.namesrv = namesrv;
    this.broker = broker;
  }

  /** Applies the standalone defaults to the keys of a broker configuration file. */
  static Properties withDefaults(Properties brokerProps) {
    Properties p = new Properties();
    p.putAll(brokerProps);
    p.putIfAbsent("namesrvAddr", "127.0.0.1:" + NamesrvConfig.DEFAULT_PORT);
    p.putIfAbsent("brokerIP1", "127.0.0.1");
    p.putIfAbsent("storePathRootDir", Path.of("data").toAbsolutePath().toString());
    return p;
  }

  /**
   * Starts the NameServer, then the broker (which registers with it before this returns).
   *
   * @throws io.apogeemq.broker.config.ConfigException for a bad configuration value
   * @throws IOException when the store or a config file cannot be opened
   * @throws IllegalStateException when a port cannot be bound
   */
  public static Standalone start(Properties brokerProps, Consumer<String> warn)
      throws IOException {
    BrokerConfig brokerConfig = BrokerConfig.fromProperties(withDefaults(brokerProps), warn);
    String first = brokerConfig.namesrvAddr().get(0);
    int namesrvPort = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    Path nsDir = brokerConfig.store().storePathRootDir().resolve("namesrv");
    Properties ns = new Properties();
    ns.setProperty("listenPort", Integer.toString(namesrvPort));
    ns.setProperty("bindAddress", brokerConfig.bindAddress());
    ns.setProperty("kvConfigPath", nsDir.resolve("kvConfig.json").toString());
    ns.setProperty("configStorePath", nsDir.resolve("namesrv.properties").toString());
    NamesrvServer namesrv = NamesrvServer.create(NamesrvConfig.fromProperties(ns, warn),
        Clock.systemUTC());
    namesrv.start();
    BrokerServer broker;
    try {
      broker = BrokerServer.create(brokerConfig, Clock.systemUTC());
      try {
        broker.start();
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      namesrv.close();
      throw e;
    }
    return new Standalone(namesrv, broker);
  }

  public int namesrvPort() {
    return namesrv.port();
  }

  public BrokerServer broker() {
    return broker;
  }

  @Override
  public void close() {
    try {
      broker.close();
    } finally {
      namesrv.close();
    }
  }
}
