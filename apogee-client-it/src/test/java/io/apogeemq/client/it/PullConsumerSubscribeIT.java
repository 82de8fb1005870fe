package io.apogeemq.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.consumer.PullConsumer;
import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.consumer.StartPosition;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import io.apogeemq.testkit.TargetCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pull consumers in subscribe mode: the group's rebalancing splits the queues between them. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PullConsumerSubscribeIT {

  static TargetCluster cluster;
  static ApogeeClient client;
  static Producer producer;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterFixture.cluster();
    client = ClusterFixture.client(cluster);
    producer = client.producer(ProducerConfig.defaults("apogee-it-pull-sub-producer")
        .withSendTimeout(Duration.ofSeconds(10)));
  }

  @AfterAll
  static void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  /** Polls both consumers in turn (this thread) until {@code done} or the deadline. */
  private static void pollUntil(List<PullConsumer> consumers, List<List<ReceivedMessage>> got,
      BooleanSupplier done, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      for (int i = 0; i < consumers.size(); i++) {
        got.get(i).addAll(consumers.get(i).poll(Duration.ofMillis(300)));
      }
    }
  }

  @Test
  void twoSubscribedPullConsumersSplitTheQueuesAndTheSurvivorTakesThemAllAfterAClose() {
    String topic = ClusterFixture.unique("pull-sub");
    String group = ClusterFixture.unique("cg-pull-sub");
    producer.send(Message.builder(topic).body("create").build());
    try (ApogeeClient c1 = ClusterFixture.client(cluster);
         ApogeeClient c2 = ClusterFixture.client(cluster)) {
      PullConsumer p1 = c1.pullConsumer(group, StartPosition.first(), true, 16);
      PullConsumer p2 = c2.pullConsumer(group, StartPosition.first(), true, 16);
      for (PullConsumer p : List.of(p1, p2)) {
        p.rebalanceInterval(Duration.ofSeconds(1));
        p.subscribe(topic, "*");
      }
      List<List<ReceivedMessage>> got = List.of(new ArrayList<>(), new ArrayList<>());
      pollUntil(List.of(p1, p2), got, () -> p1.assignment().size() == 2
          && p2.assignment().size() == 2, Duration.ofSeconds(60));
      Set<MessageQueue> q1 = new HashSet<>(p1.assignment());
      Set<MessageQueue> q2 = new HashSet<>(p2.assignment());
      assertThat(q1).hasSize(2).doesNotContainAnyElementsOf(q2);
      assertThat(q2).hasSize(2);

      for (int i = 0; i < 40; i++) {
        producer.send(Message.builder(topic).body("a-" + i).build());
      }
      pollUntil(List.of(p1, p2), got, () -> got.stream().flatMap(List::stream)
          .filter(m -> m.bodyText().startsWith("a-")).count() >= 40,
          Duration.ofSeconds(60));
      // "create" may be polled before the split settled (by a member that briefly held all four
      // queues); everything sent after the split comes from the member's own queues.
      assertThat(got.get(0)).filteredOn(m -> m.bodyText().startsWith("a-"))
          .allMatch(m -> q1.contains(m.queue()));
      assertThat(got.get(1)).filteredOn(m -> m.bodyText().startsWith("a-"))
          .allMatch(m -> q2.contains(m.queue()));
      List<String> all = new ArrayList<>();
      got.forEach(l -> l.forEach(m -> all.add(m.bodyText())));
      // "create" may be polled twice: once by the member that briefly held every queue, once by
      // the member that took its queue before that commit (at-least-once around a rebalance).
      assertThat(all).contains("create");
      assertThat(all).filteredOn(b -> b.startsWith("a-"))
          .as("each message sent after the split once, over both members").hasSize(40)
          .doesNotHaveDuplicates().contains("a-0", "a-39");
      assertThat(got.get(0)).isNotEmpty();
      assertThat(got.get(1)).isNotEmpty();

      p1.close();                                  // commits, leaves the group
      for (int i = 0; i < 20; i++) {
        producer.send(Message.builder(topic).body("b-" + i).build());
      }
      List<List<ReceivedMessage>> after = List.of(new ArrayList<>());
      pollUntil(List.of(p2), after, () -> after.get(0).size() >= 20, Duration.ofSeconds(60));
      assertThat(p2.assignment()).hasSize(4);
      assertThat(after.get(0)).extracting(ReceivedMessage::bodyText).hasSize(20)
          .doesNotHaveDuplicates().allMatch(b -> b.startsWith("b-"));
      p2.close();
    }
  }
}
