package io.apogeemq.hait;

import io.apogeemq.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Apogee broker as a child JVM ({@code io.apogeemq.cli.Apogee broker -c broker.conf}) on
 * 127.0.0.1 with fixed ports (remoting {@code port}, HA {@code port + 1}) so a restart on the same
 * {@code dir} is the same broker to everybody. Small segments and short HA intervals keep tests
 * quick.
 *
 * @param dir holds broker.conf, the store and broker.out
 * @param extra more keys (role, id, ...), winning over the defaults here
 */
record ApogeeBrokerProcess(String brokerName, Path dir, int port, String namesrvAddr,
    Map<String, String> extra, List<String> jvmArgs) {

  /** Heap and GC of a test broker. */
  static final List<String> TEST_JVM = List.of("-Xms64m", "-Xmx192m",
      "-XX:MaxDirectMemorySize=128m", "-XX:+UseSerialGC",
      // the official jars on the test class path bring a second SLF4J provider: use logback
      "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider");

  ApogeeBrokerProcess {
    extra = Map.copyOf(extra);
    jvmArgs = List.copyOf(jvmArgs);
  }

  ApogeeBrokerProcess(String brokerName, Path dir, int port, String namesrvAddr,
      Map<String, String> extra) {
    this(brokerName, dir, port, namesrvAddr, extra, TEST_JVM);
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  ChildJvm start() throws IOException {
    Files.createDirectories(dir);
    Map<String, String> conf = new TreeMap<>();
    conf.put("brokerClusterName", "HaCluster");
    conf.put("brokerName", brokerName);
    conf.put("brokerIP1", "127.0.0.1");
    conf.put("brokerIP2", "127.0.0.1");
    conf.put("bindAddress", "127.0.0.1");
    conf.put("listenPort", Integer.toString(port));
    conf.put("haListenPort", Integer.toString(port + 1));
    conf.put("namesrvAddr", namesrvAddr);
    conf.put("storePathRootDir", dir.resolve("store").toString());
    conf.put("mappedFileSizeCommitLog", Integer.toString(4 * 1024 * 1024));
    conf.put("mappedFileSizeConsumeQueue", Integer.toString(20 * 20_000));
    conf.put("maxIndexNum", "40000");
    conf.put("maxHashSlotNum", "10000");
    conf.put("haSendHeartbeatInterval", "500");
    conf.put("haHousekeepingInterval", "5000");
    conf.put("haReconnectInterval", "300");
    conf.put("slaveSyncMetadataInterval", "1000");
    conf.put("flushConsumerOffsetInterval", "1000");
    conf.putAll(extra);
    StringBuilder text = new StringBuilder();
    conf.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path file = dir.resolve("broker.conf");
    Files.writeString(file, text);
    List<String> jvm = new ArrayList<>(jvmArgs);
    jvm.add("-Duser.home=" + dir);
    return ChildJvm.start("apogee-" + brokerName + "-" + dir.getFileName(), jvm,
        "io.apogeemq.cli.Apogee", List.of("broker", "-c", file.toString()),
        dir.resolve("broker.out"));
  }
}
