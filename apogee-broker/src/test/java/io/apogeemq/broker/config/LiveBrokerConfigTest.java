package io.apogeemq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.support.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LiveBrokerConfigTest {

  @TempDir
  Path root;

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private Path file() {
    return root.resolve("config").resolve(LiveBrokerConfig.FILE_NAME);
  }

  @Test
  void anUpdateIsInForceAtOnceNotifiesListenersAndIsPersisted() throws Exception {
    LiveBrokerConfig live = LiveBrokerConfig.open(TestBrokers.config(root));
    List<Integer> seen = new ArrayList<>();
    live.addListener(c -> seen.add(c.brokerPermission()));

    live.update(props("brokerPermission", " 4 "));
    live.update(props("autoCreateTopicEnable", "false"));

    assertThat(live.get().brokerPermission()).isEqualTo(4);
    assertThat(live.get().autoCreateTopicEnable()).isFalse();
    assertThat(live.version()).isEqualTo(2);
    assertThat(seen).containsExactly(4, 4);
    assertThat(Files.readString(file(), StandardCharsets.UTF_8))
        .contains("brokerPermission=4\n").contains("autoCreateTopicEnable=false\n");
  }

  @Test
  void aRefusedUpdateChangesNothingAndWritesNothing() throws Exception {
    LiveBrokerConfig live = LiveBrokerConfig.open(TestBrokers.config(root));
    BrokerConfig before = live.get();

    assertThatThrownBy(() -> live.update(props("brokerPermission", "4", "storePathRootDir", "/x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'storePathRootDir'");
    assertThatThrownBy(() -> live.update(props("brokerPermission", "8")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'brokerPermission'");
    assertThatThrownBy(() -> live.update(props("noSuchKey", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'noSuchKey'");

    assertThat(live.get()).isEqualTo(before);
    assertThat(live.version()).isZero();
    assertThat(file()).doesNotExist();
  }

  @Test
  void loweringMaxMessageSizeKeepsTheStoreLimitAndRaisingAboveItIsRefused() throws Exception {
    LiveBrokerConfig live = LiveBrokerConfig.open(TestBrokers.config(root));
    int storeMax = live.get().store().maxMessageSize();

    live.update(props("maxMessageSize", "1000"));

    assertThat(live.get().maxMessageSize()).isEqualTo(1000);
    assertThat(live.get().store().maxMessageSize()).isEqualTo(storeMax);
    assertThatThrownBy(() -> live.update(props("maxMessageSize", Integer.toString(storeMax + 1))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'maxMessageSize'");
  }

  @Test
  void persistedChangesAreReappliedOverBrokerConfAtOpen() throws Exception {
    LiveBrokerConfig.open(TestBrokers.config(root)).update(props("enablePropertyFilter", "false",
        "autoCreateSubscriptionGroup", "false"));

    LiveBrokerConfig reopened = LiveBrokerConfig.open(TestBrokers.config(root));

    assertThat(reopened.get().filter().enablePropertyFilter()).isFalse();
    assertThat(reopened.get().autoCreateSubscriptionGroup()).isFalse();
  }

  @Test
  void aBadPersistedFileStopsTheStartNamingKeyAndFile() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "autoCreateTopicEnable=yes\n");

    assertThatThrownBy(() -> LiveBrokerConfig.open(TestBrokers.config(root)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'autoCreateTopicEnable'")
        .hasMessageContaining(LiveBrokerConfig.FILE_NAME);
  }
}
