package io.apogeemq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.store.FlushDiskType;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BrokerConfigTest {

  private static Properties props(String text) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  @Test
  void readsRocketMqKeyNamesIntoTypedValues() throws Exception {
    BrokerConfig c = BrokerConfig.fromProperties(props("""
        brokerClusterName = ClusterA
        brokerName=broker-a
        brokerId=0
        brokerIP1=10.0.0.5
        listenPort=10921
        namesrvAddr=127.0.0.1:9876;10.0.0.2:9876
        autoCreateTopicEnable=false
        defaultTopicQueueNums=4
        maxMessageSize=1024
        brokerPermission=4
        longPollingEnable=false
        shortPollingTimeMills=500
        storePathRootDir=/tmp/apogee-x
        flushDiskType=SYNC_FLUSH
        mapedFileSizeCommitLog=8388608
        """), w -> { });
    assertThat(c.brokerClusterName()).isEqualTo("ClusterA");
    assertThat(c.brokerName()).isEqualTo("broker-a");
    assertThat(c.brokerIP1()).isEqualTo("10.0.0.5");
    assertThat(c.listenPort()).isEqualTo(10921);
    assertThat(c.namesrvAddr()).containsExactly("127.0.0.1:9876", "10.0.0.2:9876");
    assertThat(c.autoCreateTopicEnable()).isFalse();
    assertThat(c.defaultTopicQueueNums()).isEqualTo(4);
    assertThat(c.maxMessageSize()).isEqualTo(1024);
    assertThat(c.store().maxMessageSize()).isEqualTo(1024);
    assertThat(c.brokerPermission()).isEqualTo(4);
    assertThat(c.writable()).isFalse();
    assertThat(c.longPollingEnable()).isFalse();
    assertThat(c.shortPollingTimeMills()).isEqualTo(500);
    assertThat(c.store().storePathRootDir().toString()).isEqualTo("/tmp/apogee-x");
    assertThat(c.store().flushDiskType()).isEqualTo(FlushDiskType.SYNC_FLUSH);
    assertThat(c.store().mappedFileSizeCommitLog()).isEqualTo(8388608);
  }

  @Test
  void defaultsAreRocketMqDefaults() throws Exception {
    BrokerConfig c = BrokerConfig.fromProperties(props("storePathRootDir=/tmp/x\nnamesrvAddr="),
        w -> { });
    assertThat(c.brokerClusterName()).isEqualTo("DefaultCluster");
    assertThat(c.listenPort()).isEqualTo(10911);
    assertThat(c.brokerPermission()).isEqualTo(6);
    assertThat(c.registerNameServerPeriod()).isEqualTo(30_000);
    assertThat(c.autoCreateTopicEnable()).isTrue();
    assertThat(c.autoCreateSubscriptionGroup()).isTrue();
    assertThat(c.defaultTopicQueueNums()).isEqualTo(8);
    assertThat(c.maxMessageSize()).isEqualTo(4 * 1024 * 1024);
    assertThat(c.longPollingEnable()).isTrue();
    assertThat(c.shortPollingTimeMills()).isEqualTo(1000);
    assertThat(c.store().flushDiskType()).isEqualTo(FlushDiskType.ASYNC_FLUSH);
  }

  @Test
  void warnsOncePerUnknownKeyAndKeepsGoing() throws Exception {
    List<String> warnings = new ArrayList<>();
    BrokerConfig.fromProperties(props("""
        storePathRootDir=/tmp/x
        brokerRole=ASYNC_MASTER
        listenPrt=1
        enableDLegerCommitLog=false
        """), warnings::add);
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("'enableDLegerCommitLog'");
    assertThat(warnings.get(1)).contains("'listenPrt'").contains("ignored");
  }

  @Test
  void rejectsUnparsableNumberNamingTheKey() {
    assertThatThrownBy(() -> BrokerConfig.fromProperties(props("listenPort=10911x"), w -> { }))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'listenPort'").hasMessageContaining("10911x");
  }

  @Test
  void rejectsOutOfRangePortNamingTheKey() {
    assertThatThrownBy(() -> BrokerConfig.fromProperties(props("listenPort=70000"), w -> { }))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'listenPort'");
  }

  @Test
  void rejectsBooleanThatIsNeitherTrueNorFalse() {
    assertThatThrownBy(() -> BrokerConfig.fromProperties(props("autoCreateTopicEnable=yes"),
        w -> { })).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'autoCreateTopicEnable'");
  }

  @Test
  void rejectsBadStoreValuesNamingTheKey() {
    assertThatThrownBy(() -> BrokerConfig.fromProperties(props("flushDiskType=SOMETIMES"),
        w -> { })).isInstanceOf(ConfigException.class).hasMessageContaining("'flushDiskType'");
    assertThatThrownBy(() -> BrokerConfig.fromProperties(props("fileReservedTime=ten"),
        w -> { })).isInstanceOf(ConfigException.class).hasMessageContaining("'fileReservedTime'");
  }

  @Test
  void rejectsMalformedNamesrvAddr() {
    assertThatThrownBy(() -> BrokerConfig.fromProperties(props("namesrvAddr=localhost"),
        w -> { })).isInstanceOf(ConfigException.class).hasMessageContaining("'namesrvAddr'");
  }

  @Test
  void forcesBrokerIdZeroForMastersLikeTheReferenceBroker() throws Exception {
    assertThat(BrokerConfig.fromProperties(props("brokerId=1"), w -> { }).brokerId()).isZero();
    assertThat(BrokerConfig.fromProperties(props("brokerId=3\nbrokerRole=SYNC_MASTER"),
        w -> { }).brokerId()).isZero();
  }

  @Test
  void rejectsSlaveWithoutPositiveBrokerId() {
    assertThatThrownBy(() -> BrokerConfig.fromProperties(props("brokerRole=SLAVE"), w -> { }))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'brokerId'");
  }

  @Test
  void clampsRegistrationPeriodToRocketMqRange() throws Exception {
    assertThat(BrokerConfig.fromProperties(props("registerNameServerPeriod=1000"), w -> { })
        .registerNameServerPeriod()).isEqualTo(10_000);
    assertThat(BrokerConfig.fromProperties(props("registerNameServerPeriod=600000"), w -> { })
        .registerNameServerPeriod()).isEqualTo(60_000);
  }

  @Test
  void roundTripsThroughProperties() throws Exception {
    BrokerConfig c = BrokerConfig.fromProperties(props("""
        storePathRootDir=/tmp/y
        brokerName=b1
        brokerIP1=127.0.0.1
        namesrvAddr=127.0.0.1:1234
        """), w -> { });
    List<String> warnings = new ArrayList<>();
    BrokerConfig again = BrokerConfig.fromProperties(c.toProperties(), warnings::add);
    assertThat(again).isEqualTo(c);
    assertThat(warnings).isEmpty();
    Properties override = new Properties();
    override.setProperty("listenPort", "0");
    assertThat(c.with(override, w -> { }).listenPort()).isZero();
  }
}
