package io.apogeemq.broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConsumerRegistryTest {

  private final ConsumerRegistry registry = new ConsumerRegistry();

  static SubscriptionData sub(String topic, String expr, long version) {
    return expr.equals("*") ? new SubscriptionData(topic, "*", "TAG", Set.of(), Set.of(), version)
        : new SubscriptionData(topic, expr, "TAG", Set.of(expr), Set.of((long) expr.hashCode()),
            version);
  }

  static ConsumerData data(String group, SubscriptionData... subs) {
    return new ConsumerData(group, "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET",
        List.of(subs));
  }

  @Test
  void aNewMemberIsAMembershipChangeAndARepeatedHeartbeatIsNot() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ClientChannel c = new ClientChannel(ch, "c1", "JAVA", 479, 1000);
    assertThat(registry.register(c, data("g", sub("t", "*", 1))).membership()).isTrue();
    ConsumerGroup.Change again = registry.register(c.touched(2000), data("g", sub("t", "*", 1)));
    assertThat(again.any()).isFalse();
    assertThat(registry.find("g").orElseThrow().clientIds()).containsExactly("c1");
  }

  @Test
  void aNewerVersionOfTheSameExpressionIsNotASubscriptionChangeButANewExpressionIs() {
    ClientChannel c = new ClientChannel(new EmbeddedChannel(), "c1", "JAVA", 479, 0);
    registry.register(c, data("g", sub("t", "A", 1)));
    assertThat(registry.register(c, data("g", sub("t", "A", 2))).subscriptions()).isFalse();
    assertThat(registry.subscription("g", "t").orElseThrow().subVersion()).isEqualTo(2);
    assertThat(registry.register(c, data("g", sub("t", "B", 3))).subscriptions()).isTrue();
    assertThat(registry.subscription("g", "t").orElseThrow().tags()).containsExactly("B");
  }

  @Test
  void anOlderVersionNeverReplacesANewerSubscription() {
    ClientChannel c = new ClientChannel(new EmbeddedChannel(), "c1", "JAVA", 479, 0);
    registry.register(c, data("g", sub("t", "B", 5)));
    registry.register(c, data("g", sub("t", "A", 4)));
    assertThat(registry.subscription("g", "t").orElseThrow().tags()).containsExactly("B");
  }

  @Test
  void topicsMissingFromAHeartbeatAreUnsubscribed() {
    ClientChannel c = new ClientChannel(new EmbeddedChannel(), "c1", "JAVA", 479, 0);
    registry.register(c, data("g", sub("t1", "*", 1), sub("t2", "*", 1)));
    assertThat(registry.register(c, data("g", sub("t1", "*", 1))).subscriptions()).isTrue();
    assertThat(registry.subscription("g", "t2")).isEmpty();
    assertThat(registry.subscription("g", "t1")).isPresent();
  }

  @Test
  void aClosedConnectionLeavesEveryGroupAndTheLastMemberTakesTheGroupAlong() {
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    registry.register(new ClientChannel(a, "a", "JAVA", 479, 0), data("g1", sub("t", "*", 1)));
    registry.register(new ClientChannel(a, "a", "JAVA", 479, 0), data("g2", sub("t", "*", 1)));
    registry.register(new ClientChannel(b, "b", "JAVA", 479, 0), data("g1", sub("t", "*", 1)));

    assertThat(registry.remove(a)).containsExactlyInAnyOrder("g1", "g2");
    assertThat(registry.find("g2")).isEmpty();
    assertThat(registry.find("g1").orElseThrow().clientIds()).containsExactly("b");
  }

  @Test
  void unregisterRemovesOnlyThatClientFromThatGroup() {
    registry.register(new ClientChannel(new EmbeddedChannel(), "a", "JAVA", 479, 0),
        data("g", sub("t", "*", 1)));
    registry.register(new ClientChannel(new EmbeddedChannel(), "b", "JAVA", 479, 0),
        data("g", sub("t", "*", 1)));
    assertThat(registry.unregister("g", "a")).isTrue();
    assertThat(registry.unregister("g", "a")).isFalse();
    assertThat(registry.unregister("nope", "b")).isFalse();
    assertThat(registry.find("g").orElseThrow().clientIds()).containsExactly("b");
  }

  @Test
  void silentMembersAreRemovedByDeadline() {
    registry.register(new ClientChannel(new EmbeddedChannel(), "old", "JAVA", 479, 1_000),
        data("g", sub("t", "*", 1)));
    registry.register(new ClientChannel(new EmbeddedChannel(), "new", "JAVA", 479, 5_000),
        data("g", sub("t", "*", 1)));
    var removed = registry.removeSilentSince(2_000);
    assertThat(removed.get("g")).extracting(ClientChannel::clientId).containsExactly("old");
    assertThat(registry.find("g").orElseThrow().clientIds()).containsExactly("new");
  }
}
