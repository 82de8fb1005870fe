package io.apogeemq.namesrv.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class NamesrvConfigTest {

  @TempDir Path dir;

  static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsMatchTheOfficialNameServer() {
    NamesrvConfig c = NamesrvConfig.defaults();
    assertThat(c.listenPort()).isEqualTo(9876);
    assertThat(c.kvConfigPath()).endsWith("namesrv/kvConfig.json");
    assertThat(c.orderMessageEnable()).isFalse();
    assertThat(c.enableAllTopicList()).isTrue();
    assertThat(c.blackListedKeys()).containsExactlyInAnyOrder("configBlackList", "configStorePath", "kvConfigPath");
  }

  @Test
  void knownKeysAreParsedAndUnknownKeysWarned() {
    List<String> warnings = new ArrayList<>();
    NamesrvConfig c = NamesrvConfig.fromProperties(
        props("listenPort", " 19876 ", "orderMessageEnable", "TRUE", "scanNotActiveBrokerInterval", "5000",
            "serverWorkerThreads", "8"),
        warnings::add);
    assertThat(c.listenPort()).isEqualTo(19876);
    assertThat(c.orderMessageEnable()).isTrue();
    assertThat(c.scanNotActiveBrokerInterval()).isEqualTo(5000);
    assertThat(warnings).singleElement().asString().contains("serverWorkerThreads");
  }

  @Test
  void badValuesAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> NamesrvConfig.fromProperties(props("listenPort", "98x76"), w -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenPort");
    assertThatThrownBy(() -> NamesrvConfig.fromProperties(props("listenPort", "70000"), w -> {}))
        .hasMessageContaining("listenPort");
    assertThatThrownBy(() -> NamesrvConfig.fromProperties(props("orderMessageEnable", "yes"), w -> {}))
        .hasMessageContaining("orderMessageEnable");
    assertThatThrownBy(() -> NamesrvConfig.fromProperties(props("scanNotActiveBrokerInterval", "0"), w -> {}))
        .hasMessageContaining("scanNotActiveBrokerInterval");
  }

  @Test
  void propertiesTextRoundTrips() throws IOException {
    NamesrvConfig c = NamesrvConfig.fromProperties(props("listenPort", "1234", "productEnvName", "x"), w -> {});
    Properties p = new Properties();
    p.load(new java.io.StringReader(c.toPropertiesText()));
    assertThat(NamesrvConfig.fromProperties(p, w -> {})).isEqualTo(c);
    assertThat(p.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(NamesrvConfig.keys());
  }

  @Test
  void liveUpdateRefusesBlackListedKeysAndPersistsAcceptedOnes() throws Exception {
    Path store = dir.resolve("namesrv.properties");
    LiveNamesrvConfig live = new LiveNamesrvConfig(
        NamesrvConfig.fromProperties(props("configStorePath", store.toString()), w -> {}));

    assertThatThrownBy(() -> live.update(props("kvConfigPath", "/tmp/x")))
        .isInstanceOf(LiveNamesrvConfig.BlackListedKeyException.class);
    assertThatThrownBy(() -> live.update(props("orderMessageEnable", "maybe")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(live.get().orderMessageEnable()).isFalse();
    assertThat(Files.exists(store)).isFalse();

    live.update(props("orderMessageEnable", "true"));
    assertThat(live.get().orderMessageEnable()).isTrue();
    assertThat(Files.readString(store)).contains("orderMessageEnable=true");
  }
}
