package io.apogeemq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TransactionConfigTest {

  private static BrokerConfig read(String... keyValues) {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", "/tmp/apogee-tx-config");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    List<String> warnings = new ArrayList<>();
    BrokerConfig c = BrokerConfig.fromProperties(p, warnings::add);
    assertThat(warnings).isEmpty();
    return c;
  }

  @Test
  void defaultsAreRocketMqFiveDefaults() {
    TransactionConfig t = read().transaction();
    assertThat(t.rejectTransactionMessage()).isFalse();
    assertThat(t.transactionTimeOut()).isEqualTo(6_000);
    assertThat(t.transactionCheckMax()).isEqualTo(15);
    assertThat(t.transactionCheckInterval()).isEqualTo(30_000);
    assertThat(t.transactionCheckMaxTimeTopic()).isEqualTo("TRANS_CHECK_MAX_TIME_TOPIC");
    assertThat(t.endTransactionPoolQueueCapacity()).isEqualTo(100_000);
  }

  @Test
  void keysAreReadAndSurviveARoundTripThroughProperties() {
    BrokerConfig c = read("rejectTransactionMessage", "true", "transactionTimeOut", "1500",
        "transactionCheckMax", "3", "transactionCheckInterval", "250",
        "transactionCheckMaxTimeTopic", "TX_GIVEN_UP", "endTransactionThreadPoolNums", "2",
        "endTransactionPoolQueueCapacity", "10");
    TransactionConfig t = c.transaction();
    assertThat(t).isEqualTo(new TransactionConfig(true, 1500, 3, 250, "TX_GIVEN_UP", 2, 10));
    assertThat(BrokerConfig.fromProperties(c.toProperties(), w -> { }).transaction())
        .isEqualTo(t);
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> read("transactionCheckMax", "0"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("transactionCheckMax");
    assertThatThrownBy(() -> read("transactionCheckInterval", "soon"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("transactionCheckInterval");
    assertThatThrownBy(() -> read("rejectTransactionMessage", "yes"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rejectTransactionMessage");
    assertThatThrownBy(() -> read("transactionCheckMaxTimeTopic", "bad topic!"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("transactionCheckMaxTimeTopic");
  }
}
