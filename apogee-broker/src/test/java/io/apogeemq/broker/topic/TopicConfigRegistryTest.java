package io.apogeemq.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.config.BrokerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TopicConfigRegistryTest {

  @TempDir
  Path dir;

  private final Clock clock = Clock.systemUTC();

  @Test
  void persistsTopicsAndReloadsThemWithTheirVersion() throws Exception {
    TopicConfigRegistry r = TopicConfigRegistry.open(dir, clock);
    r.put(TopicConfig.of("TopicA", 4));
    r.put(TopicConfig.of("TopicB", 2, 3, Perm.READ));
    DataVersion v = r.snapshot().dataVersion();

    TopicConfigRegistry reloaded = TopicConfigRegistry.open(dir, clock);
    assertThat(reloaded.get("TopicA")).isEqualTo(TopicConfig.of("TopicA", 4));
    assertThat(reloaded.get("TopicB").writeQueueNums()).isEqualTo(3);
    assertThat(reloaded.get("TopicB").perm()).isEqualTo(Perm.READ);
    assertThat(reloaded.snapshot().dataVersion()).isEqualTo(v);
    assertThat(v.counter()).isEqualTo(2);
  }

  @Test
  void readsRocketMqTopicsJsonWithUnknownFields() throws Exception {
    Files.writeString(dir.resolve("topics.json"), """
        {"dataVersion":{"counter":7,"stateVersion":0,"timestamp":1714530000000},
         "topicConfigTable":{"TopicTest":{"topicName":"TopicTest","readQueueNums":4,
           "writeQueueNums":4,"perm":6,"topicFilterType":"SINGLE_TAG","topicSysFlag":0,
           "order":false,"attributes":{"+message.type":"NORMAL"},"somethingNew":1}}}
        """);
    TopicConfigRegistry r = TopicConfigRegistry.open(dir, clock);
    assertThat(r.get("TopicTest").readQueueNums()).isEqualTo(4);
    assertThat(r.get("TopicTest").attributes()).containsEntry("+message.type", "NORMAL");
    assertThat(r.snapshot().dataVersion().counter()).isEqualTo(7);
  }

  @Test
  void fallsBackToBackupWhenMainFileIsCorrupt() throws Exception {
    TopicConfigRegistry r = TopicConfigRegistry.open(dir, clock);
    r.put(TopicConfig.of("TopicA", 4));
    r.put(TopicConfig.of("TopicB", 4));
    Files.writeString(dir.resolve("topics.json"), "{\"dataVersion\": {tr");
    TopicConfigRegistry reloaded = TopicConfigRegistry.open(dir, clock);
    assertThat(reloaded.get("TopicA")).isNotNull();
  }

  @Test
  void autoCreatesFromTemplateWithInheritBitAndFewerQueues() throws Exception {
    TopicConfigRegistry r = TopicConfigRegistry.open(dir, clock);
    r.put(TopicConfig.of("TBW102", 8, 8, Perm.READ_WRITE | Perm.INHERIT));
    TopicConfig created = r.createFromTemplate("NewTopic", "TBW102", 4, 0);
    assertThat(created.writeQueueNums()).isEqualTo(4);
    assertThat(created.readQueueNums()).isEqualTo(4);
    assertThat(created.perm()).isEqualTo(Perm.READ_WRITE);
    assertThat(r.createFromTemplate("Wide", "TBW102", 64, 0).writeQueueNums()).isEqualTo(8);
  }

  @Test
  void doesNotAutoCreateWithoutUsableTemplate() throws Exception {
    TopicConfigRegistry r = TopicConfigRegistry.open(dir, clock);
    assertThat(r.createFromTemplate("NewTopic", "TBW102", 4, 0)).isNull();
    r.put(TopicConfig.of("TBW102", 8, 8, Perm.READ_WRITE));
    assertThat(r.createFromTemplate("NewTopic", "TBW102", 4, 0)).isNull();
    assertThat(r.get("NewTopic")).isNull();
  }

  @Test
  void notifiesListenersOnlyOnRealChanges() throws Exception {
    TopicConfigRegistry r = TopicConfigRegistry.open(dir, clock);
    AtomicInteger changes = new AtomicInteger();
    r.addChangeListener(changes::incrementAndGet);
    r.createIfAbsent(TopicConfig.of("T", 1));
    r.createIfAbsent(TopicConfig.of("T", 2));
    assertThat(r.delete("T")).isTrue();
    assertThat(r.delete("T")).isFalse();
    assertThat(changes.get()).isEqualTo(2);
  }

  @Test
  void failedWriteLeavesTableUnchanged() throws Exception {
    Path blocked = dir.resolve("blocked");
    Files.writeString(blocked, "a file where the config directory should be");
    TopicConfigRegistry r = TopicConfigRegistry.open(blocked.resolve("config"), clock);
    assertThatThrownBy(() -> r.put(TopicConfig.of("T", 1)))
        .isInstanceOf(TopicPersistenceException.class).hasMessageContaining("not applied");
    assertThat(r.get("T")).isNull();
  }

  @Test
  void systemTopicsIncludeTemplateOnlyWhenAutoCreateIsEnabled() {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", dir.toString());
    p.setProperty("brokerName", "b1");
    BrokerConfig on = BrokerConfig.fromProperties(p, w -> { });
    assertThat(SystemTopics.forBroker(on)).anySatisfy(t -> {
      assertThat(t.topicName()).isEqualTo("TBW102");
      assertThat(t.perm()).isEqualTo(7);
      assertThat(t.writeQueueNums()).isEqualTo(8);
    });
    p.setProperty("autoCreateTopicEnable", "false");
    BrokerConfig off = BrokerConfig.fromProperties(p, w -> { });
    assertThat(SystemTopics.forBroker(off)).noneMatch(t -> t.topicName().equals("TBW102"))
        .anyMatch(t -> t.topicName().equals("b1"))
        .anyMatch(t -> t.topicName().equals("DefaultCluster_REPLY_TOPIC"));
  }
}
