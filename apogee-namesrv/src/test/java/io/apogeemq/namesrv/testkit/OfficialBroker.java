package io.apogeemq.namesrv.testkit;

import io.apogeemq.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The official Apache RocketMQ broker (5.3.3, {@code org.apache.rocketmq.broker.BrokerStartup} from
 * the test classpath) as a child JVM on 127.0.0.1 with a store under {@code dir}.
 */
public final class OfficialBroker {

  private OfficialBroker() {}

  /** Starts a master named {@code brokerName} registering with {@code namesrvAddr}. */
  public static ChildJvm start(Path dir, String cluster, String brokerName, int port, String namesrvAddr)
      throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path store = Files.createDirectories(dir.resolve("store"));
    Path conf = dir.resolve("broker.conf");
    Files.writeString(conf, String.join("\n",
        "brokerClusterName=" + cluster,
        "brokerName=" + brokerName,
        "brokerId=0",
        "brokerRole=ASYNC_MASTER",
        "flushDiskType=ASYNC_FLUSH",
        "brokerIP1=127.0.0.1",
        "brokerIP2=127.0.0.1",
        "namesrvAddr=" + namesrvAddr,
        "listenPort=" + port,
        "bindAddress=127.0.0.1",
        "haListenPort=" + (port + 1),
        "autoCreateTopicEnable=true",
        "autoCreateSubscriptionGroup=true",
        "storePathRootDir=" + store,
        "storePathCommitLog=" + store.resolve("commitlog"),
        "mappedFileSizeCommitLog=67108864",
        "mappedFileSizeConsumeQueue=600000",
        "diskMaxUsedSpaceRatio=98",
        "registerNameServerPeriod=10000",
        ""));
    List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx512m", "-XX:MaxDirectMemorySize=256m",
        "-Duser.home=" + home, "-Drocketmq.home.dir=" + home));
    jvm.addAll(ChildJvm.ROCKETMQ_FLAGS);
    return ChildJvm.start("broker-" + brokerName, jvm, "org.apache.rocketmq.broker.BrokerStartup",
        List.of("-c", conf.toString()), dir.resolve("broker.out"));
  }
}
