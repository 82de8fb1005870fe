package io.apogeemq.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OfficialRocketMqIT {

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void startsRegistersRestartsAndCleansUpAnOfficialCluster() throws Exception {
    Path brokerLog;
    String broker;
    try (OfficialRocketMq cluster = OfficialRocketMq.start()) {
      broker = cluster.brokerAddress();
      String[] ns = cluster.namesrvAddress().split(":");
      assertThat(ClusterInfoProbe.query(ns[0], Integer.parseInt(ns[1]), 2_000))
          .contains(broker).contains(cluster.clusterName()).contains(cluster.brokerName());
      brokerLog = cluster.brokerLog();

      cluster.killBroker();
      assertThat(FreePorts.isFree(Integer.parseInt(broker.split(":")[1]))).isTrue();

      cluster.startBroker();
      assertThat(ClusterInfoProbe.lists(ns[0], Integer.parseInt(ns[1]), broker)).isTrue();
    }
    assertThat(Files.exists(brokerLog)).as("temp dirs deleted").isFalse();
    assertThat(FreePorts.isFree(Integer.parseInt(broker.split(":")[1]))).isTrue();
  }

  @Test
  @Timeout(10)
  void targetWithoutAProviderOnTheClassPathIsRefusedWithAClearMessage() {
    String old = System.getProperty(TargetClusters.PROPERTY);
    System.setProperty(TargetClusters.PROPERTY, "apogee");
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(TargetClusters::start)
          .hasMessageContaining("no TargetClusterProvider for it on the class path");
    } finally {
      if (old == null) {
        System.clearProperty(TargetClusters.PROPERTY);
      } else {
        System.setProperty(TargetClusters.PROPERTY, old);
      }
    }
  }
}
