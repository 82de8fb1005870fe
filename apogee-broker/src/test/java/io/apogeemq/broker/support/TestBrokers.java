package io.apogeemq.broker.support;

import io.apogeemq.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.Properties;

/** Broker configurations for tests: loopback, a free port, small store files under a temp dir. */
public final class TestBrokers {

  private TestBrokers() {}

  public static Properties baseProperties(Path root) {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", root.toString());
    p.setProperty("brokerName", "broker-test");
    p.setProperty("brokerIP1", "127.0.0.1");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("listenPort", "0");
    p.setProperty("namesrvAddr", "");
    p.setProperty("mappedFileSizeCommitLog", Integer.toString(8 * 1024 * 1024));
    p.setProperty("mappedFileSizeConsumeQueue", Integer.toString(20 * 10_000));
    p.setProperty("maxIndexNum", "10000");
    p.setProperty("maxHashSlotNum", "2000");
    return p;
  }

  public static BrokerConfig config(Path root) {
    return BrokerConfig.fromProperties(baseProperties(root), w -> { });
  }

  public static BrokerConfig config(Path root, Properties overrides) {
    Properties p = baseProperties(root);
    p.putAll(overrides);
    return BrokerConfig.fromProperties(p, w -> { });
  }
}
