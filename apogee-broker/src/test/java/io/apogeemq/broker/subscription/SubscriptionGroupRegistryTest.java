package io.apogeemq.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.support.SteppingClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SubscriptionGroupRegistryTest {

  @TempDir Path dir;
  private final SteppingClock clock = new SteppingClock(5_000);

  @Test
  void autoCreatedGroupsArePersistedAndReloaded() throws IOException {
    Path file = dir.resolve("config/subscriptionGroup.json");
    SubscriptionGroupRegistry r = new SubscriptionGroupRegistry(file, true, clock);
    r.load();
    SubscriptionGroupConfig cg = r.findOrCreate("cg1").orElseThrow();
    assertThat(cg).isEqualTo(SubscriptionGroupConfig.defaults("cg1"));
    r.update(new SubscriptionGroupConfig("cg2", false, true, true, 3, 5, 0, 1, false));

    SubscriptionGroupRegistry reloaded = new SubscriptionGroupRegistry(file, false, clock);
    reloaded.load();
    assertThat(reloaded.find("cg1")).contains(cg);
    assertThat(reloaded.find("cg2").orElseThrow().retryQueueNums()).isEqualTo(3);
    assertThat(reloaded.find("cg2").orElseThrow().consumeEnable()).isFalse();
    assertThat(reloaded.dataVersion()).isEqualTo(2);
    assertThat(Files.readString(file)).contains("\"subscriptionGroupTable\"", "\"dataVersion\"");
  }

  @Test
  void unknownGroupsStayUnknownWhenAutoCreationIsOff() {
    SubscriptionGroupRegistry r =
        new SubscriptionGroupRegistry(dir.resolve("sg.json"), false, clock);
    assertThat(r.findOrCreate("cg")).isEmpty();
    assertThat(Files.exists(dir.resolve("sg.json"))).isFalse();
  }

  @Test
  void readsAnOfficialFileWithExtraMembersAndFillsMissingOnesWithDefaults() throws IOException {
    Path file = dir.resolve("sg.json");
    Files.writeString(file, """
        {"dataVersion":{"counter":7,"timestamp":1},"subscriptionGroupTable":{"cg":{
        "groupName":"cg","consumeEnable":true,"retryMaxTimes":3,"groupRetryPolicy":
        {"type":"CUSTOMIZED"},"attributes":{}}}}""", StandardCharsets.UTF_8);
    SubscriptionGroupRegistry r = new SubscriptionGroupRegistry(file, true, clock);
    r.load();
    SubscriptionGroupConfig cg = r.find("cg").orElseThrow();
    assertThat(cg.retryMaxTimes()).isEqualTo(3);
    assertThat(cg.retryQueueNums()).isEqualTo(1);
    assertThat(cg.consumeBroadcastEnable()).isTrue();
    assertThat(r.dataVersion()).isEqualTo(7);
  }

  @Test
  void aMalformedFileIsAnErrorAndIsLeftUntouched() throws IOException {
    Path file = dir.resolve("sg.json");
    Files.writeString(file, "{\"subscriptionGroupTable\":", StandardCharsets.UTF_8);
    SubscriptionGroupRegistry r = new SubscriptionGroupRegistry(file, true, clock);
    assertThatThrownBy(r::load).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).isEqualTo("{\"subscriptionGroupTable\":");
  }

  @Test
  void deletionIsPersisted() throws IOException {
    Path file = dir.resolve("sg.json");
    SubscriptionGroupRegistry r = new SubscriptionGroupRegistry(file, true, clock);
    r.findOrCreate("cg");
    assertThat(r.delete("cg")).isTrue();
    assertThat(r.delete("cg")).isFalse();
    SubscriptionGroupRegistry reloaded = new SubscriptionGroupRegistry(file, false, clock);
    reloaded.load();
    assertThat(reloaded.find("cg")).isEmpty();
  }
}
