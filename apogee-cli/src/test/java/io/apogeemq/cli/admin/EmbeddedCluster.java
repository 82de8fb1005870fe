package io.apogeemq.cli.admin;

import io.apogeemq.cli.Standalone;
import io.apogeemq.testkit.FreePorts;
import io.apogeemq.testkit.TempDirs;
import java.nio.file.Path;
import java.util.Properties;

/** An Apogee NameServer and broker in this JVM on free loopback ports, data in a temp dir. */
final class EmbeddedCluster implements AutoCloseable {

  static final String CLUSTER = "DefaultCluster";
  static final String BROKER = "broker-cli";

  private final Path dir;
  private final Standalone standalone;

  EmbeddedCluster() throws Exception {
    dir = TempDirs.create("apogee-cli-it");
    Properties p = new Properties();
    p.setProperty("brokerName", BROKER);
    p.setProperty("brokerClusterName", CLUSTER);
    p.setProperty("namesrvAddr", "127.0.0.1:" + FreePorts.one());
    p.setProperty("listenPort", "0");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("brokerIP1", "127.0.0.1");
    p.setProperty("storePathRootDir", dir.resolve("store").toString());
    p.setProperty("mappedFileSizeCommitLog", Integer.toString(8 << 20));
    p.setProperty("mappedFileSizeConsumeQueue", "200000");
    p.setProperty("maxIndexNum", "10000");
    standalone = Standalone.start(p, w -> { });
  }

  String namesrv() {
    return "127.0.0.1:" + standalone.namesrvPort();
  }

  String broker() {
    return standalone.broker().endpoint().addr();
  }

  @Override
  public void close() throws Exception {
    try {
      standalone.close();
    } finally {
      TempDirs.delete(dir);
    }
  }
}
