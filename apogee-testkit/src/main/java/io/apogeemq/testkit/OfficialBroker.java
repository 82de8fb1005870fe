package io.apogeemq.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The official Apache RocketMQ broker ({@code BrokerStartup} from the classpath) as a child JVM on
 * 127.0.0.1: an ASYNC_MASTER with auto-creation of topics and groups, small mapped files (64 MiB
 * commit log segments) and a store under {@code dir}. Restarting with the same {@code dir} keeps
 * the store.
 *
 * @param dir holds {@code broker.conf}, {@code home/}, {@code store/} and {@code broker.out}
 * @param clusterName {@code brokerClusterName}
 * @param brokerName {@code brokerName}
 * @param port main listen port; {@code port-2} and {@code port+1} must be free too
 * @param namesrvAddress where to register
 * @param extraConfig more {@code key=value} lines appended to broker.conf
 */
public record OfficialBroker(Path dir, String clusterName, String brokerName, int port,
    String namesrvAddress, List<String> extraConfig) {

  public OfficialBroker {
    extraConfig = List.copyOf(extraConfig);
  }

  /** Writes the configuration and starts the broker process (it is not ready yet on return). */
  public ChildJvm start() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path store = Files.createDirectories(dir.resolve("store"));
    Path conf = dir.resolve("broker.conf");
    List<String> lines = new ArrayList<>(List.of(
        "brokerClusterName=" + clusterName,
        "brokerName=" + brokerName,
        "brokerId=0",
        "brokerRole=ASYNC_MASTER",
        "flushDiskType=ASYNC_FLUSH",
        "brokerIP1=127.0.0.1",
        "brokerIP2=127.0.0.1",
        "namesrvAddr=" + namesrvAddress,
        "listenPort=" + port,
        "bindAddress=127.0.0.1",
        "haListenPort=" + (port + 1),
        "autoCreateTopicEnable=true",
        "autoCreateSubscriptionGroup=true",
        "enablePropertyFilter=true",
        "storePathRootDir=" + store,
        "storePathCommitLog=" + store.resolve("commitlog"),
        "mappedFileSizeCommitLog=67108864",
        "mappedFileSizeConsumeQueue=600000",
        "diskMaxUsedSpaceRatio=98",
        "transactionCheckInterval=3000"));
    lines.addAll(extraConfig);
    Files.writeString(conf, String.join("\n", lines) + "\n");
    List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx512m",
        "-XX:MaxDirectMemorySize=256m", "-Duser.home=" + home, "-Drocketmq.home.dir=" + home));
    jvm.addAll(ChildJvm.ROCKETMQ_FLAGS);
    return ChildJvm.start("broker-" + brokerName, jvm, "org.apache.rocketmq.broker.BrokerStartup",
        List.of("-c", conf.toString()), dir.resolve("broker.out"));
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return "127.0.0.1:" + port;
  }
}
