package io.apogeemq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.config.HaConfig.BrokerRole;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HaConfigTest {

  private static BrokerConfig read(String text, List<String> warnings) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return BrokerConfig.fromProperties(p, warnings::add);
  }

  @Test
  void defaultsAreTheReferenceBrokersAsyncMasterOnListenPortPlusOne() throws Exception {
    BrokerConfig c = read("brokerIP1=10.0.0.5\nsyncFlushTimeout=4000", new ArrayList<>());
    HaConfig ha = c.ha();
    assertThat(ha.brokerRole()).isEqualTo(BrokerRole.ASYNC_MASTER);
    assertThat(ha.effectiveHaListenPort(10911)).isEqualTo(10912);
    assertThat(ha.effectiveHaListenPort(0)).isZero();
    assertThat(ha.brokerIP2()).isEqualTo("10.0.0.5");
    assertThat(ha.haMasterAddress()).isNull();
    assertThat(ha.haSendHeartbeatInterval()).isEqualTo(5000);
    assertThat(ha.haHousekeepingInterval()).isEqualTo(20_000);
    assertThat(ha.haTransferBatchSize()).isEqualTo(32 * 1024);
    assertThat(ha.haMaxGapNotInSync()).isEqualTo(256L * 1024 * 1024);
    assertThat(ha.slaveTimeout()).isEqualTo(4000);
    assertThat(ha.slaveReadEnable()).isFalse();
    assertThat(ha.accessMessageInMemoryMaxRatio()).isEqualTo(40);
  }

  @Test
  void readsASlaveConfigurationAndRoundTripsIt() throws Exception {
    List<String> warnings = new ArrayList<>();
    BrokerConfig c = read("""
        brokerRole=SLAVE
        brokerId=2
        haListenPort=20912
        haMasterAddress=10.0.0.1:10912
        brokerIP2=10.1.0.9
        haSendHeartbeatInterval=100
        haTransferBatchSize=65536
        haSlaveFallbehindMax=1048576
        slaveTimeout=1500
        slaveReadEnable=true
        accessMessageInMemoryMaxRatio=0
        """, warnings);
    assertThat(warnings).isEmpty();
    assertThat(c.brokerId()).isEqualTo(2);
    HaConfig ha = c.ha();
    assertThat(ha.brokerRole()).isEqualTo(BrokerRole.SLAVE);
    assertThat(ha.effectiveHaListenPort(10911)).isEqualTo(20912);
    assertThat(ha.haMasterAddress()).isEqualTo("10.0.0.1:10912");
    assertThat(ha.brokerIP2()).isEqualTo("10.1.0.9");
    assertThat(ha.haMaxGapNotInSync()).isEqualTo(1_048_576);
    assertThat(ha.slaveTimeout()).isEqualTo(1500);
    assertThat(ha.slaveReadEnable()).isTrue();
    assertThat(ha.accessMessageInMemoryMaxRatio()).isZero();
    assertThat(BrokerConfig.fromProperties(c.toProperties(), w -> { })).isEqualTo(c);
  }

  @Test
  void rejectsUnknownRoleNamingTheKey() {
    assertThatThrownBy(() -> read("brokerRole=LEADER", new ArrayList<>()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'brokerRole'");
  }

  @Test
  void rejectsMalformedMasterAddressNamingTheKey() {
    assertThatThrownBy(() -> read("brokerRole=SLAVE\nbrokerId=1\nhaMasterAddress=nowhere",
        new ArrayList<>())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'haMasterAddress'");
  }

  @Test
  void rejectsTooSmallTransferBatch() {
    assertThatThrownBy(() -> read("haTransferBatchSize=10", new ArrayList<>()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'haTransferBatchSize'");
  }
}
