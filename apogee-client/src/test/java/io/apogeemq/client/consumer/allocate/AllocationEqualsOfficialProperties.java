package io.apogeemq.client.consumer.allocate;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.client.message.MessageQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.rocketmq.client.consumer.AllocateMessageQueueStrategy;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragelyByCircle;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueByConfig;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueConsistentHash;
import org.junit.jupiter.api.Timeout;

/**
 * Every strategy gives each consumer exactly the queues the official 5.3.3 class of the same
 * name gives it, on random groups and topics, so mixed groups never overlap. jqwik prints the
 * seed of a failing run for replay.
 */
@Timeout(120)
class AllocationEqualsOfficialProperties {

  /** A sorted queue list and a sorted, duplicate-free consumer id list. */
  record Group(List<MessageQueue> queues, List<String> consumers) {}

  @Provide
  Arbitrary<Group> groups() {
    Arbitrary<List<MessageQueue>> queues = Combinators.combine(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 16))
        .as((topic, brokers, perBroker) -> {
          List<MessageQueue> out = new ArrayList<>();
          for (int b = 0; b < brokers; b++) {
            for (int q = 0; q < perBroker; q++) {
              out.add(new MessageQueue(topic, "broker-" + (char) ('a' + b), q));
            }
          }
          Collections.sort(out);
          return out;
        });
    Arbitrary<List<String>> consumers = Arbitraries.strings().withCharRange('0', '9')
        .ofMinLength(1).ofMaxLength(6).map(s -> "10.0.0." + s.length() + "@" + s + "#" + s.hashCode())
        .set().ofMinSize(1).ofMaxSize(12).map(set -> {
          List<String> l = new ArrayList<>(set);
          Collections.sort(l);
          return l;
        });
    return Combinators.combine(queues, consumers).as(Group::new);
  }

  @Property(tries = 300, seed = "20261122")
  void averagelyMatchesOfficial(@ForAll("groups") Group g) {
    assertSame(AllocationStrategy.averagely(), new AllocateMessageQueueAveragely(), g);
  }

  @Property(tries = 300, seed = "20261122")
  void averagelyByCircleMatchesOfficial(@ForAll("groups") Group g) {
    assertSame(AllocationStrategy.averagelyByCircle(), new AllocateMessageQueueAveragelyByCircle(), g);
  }

  @Property(tries = 200, seed = "20261122")
  void consistentHashMatchesOfficial(@ForAll("groups") Group g) {
    assertSame(AllocationStrategy.consistentHash(), new AllocateMessageQueueConsistentHash(), g);
  }

  @Property(tries = 100, seed = "20261122")
  void byConfigMatchesOfficial(@ForAll("groups") Group g) {
    List<MessageQueue> configured = g.queues().subList(0, g.queues().size() / 2);
    AllocateMessageQueueByConfig official = new AllocateMessageQueueByConfig();
    official.setMessageQueueList(toOfficial(configured));
    assertSame(AllocationStrategy.byConfig(configured), official, g);
  }

  @Property(tries = 300, seed = "20261122")
  void averageAndCircleSplitEveryQueueExactlyOnce(@ForAll("groups") Group g) {
    for (AllocationStrategy s : List.of(AllocationStrategy.averagely(),
        AllocationStrategy.averagelyByCircle(), AllocationStrategy.consistentHash())) {
      List<MessageQueue> all = new ArrayList<>();
      for (String cid : g.consumers()) {
        all.addAll(s.allocate(cid, g.queues(), g.consumers()));
      }
      assertThat(all).as(s.name()).hasSameSizeAs(g.queues());
      assertThat(new HashSet<>(all)).as(s.name()).isEqualTo(new HashSet<>(g.queues()));
    }
  }

  @Property(tries = 50, seed = "20261122")
  void aConsumerOutsideTheGroupGetsNothing(@ForAll("groups") Group g) {
    for (AllocationStrategy s : List.of(AllocationStrategy.averagely(),
        AllocationStrategy.averagelyByCircle(), AllocationStrategy.consistentHash())) {
      assertThat(s.allocate("stranger@0#0", g.queues(), g.consumers())).isEmpty();
    }
  }

  private static void assertSame(AllocationStrategy mine, AllocateMessageQueueStrategy official,
      Group g) {
    List<org.apache.rocketmq.common.message.MessageQueue> officialQueues = toOfficial(g.queues());
    for (String cid : g.consumers()) {
      List<MessageQueue> expected = fromOfficial(official.allocate("cg", cid,
          new ArrayList<>(officialQueues), new ArrayList<>(g.consumers())));
      assertThat(mine.allocate(cid, g.queues(), g.consumers()))
          .as("%s for %s", mine.name(), cid).containsExactlyElementsOf(expected);
    }
    assertThat(mine.name()).isEqualTo(official.getName());
  }

  private static List<org.apache.rocketmq.common.message.MessageQueue> toOfficial(
      List<MessageQueue> qs) {
    List<org.apache.rocketmq.common.message.MessageQueue> out = new ArrayList<>();
    for (MessageQueue q : qs) {
      out.add(new org.apache.rocketmq.common.message.MessageQueue(q.topic(), q.brokerName(),
          q.queueId()));
    }
    return out;
  }

  private static List<MessageQueue> fromOfficial(
      List<org.apache.rocketmq.common.message.MessageQueue> qs) {
    List<MessageQueue> out = new ArrayList<>();
    for (org.apache.rocketmq.common.message.MessageQueue q : qs) {
      out.add(new MessageQueue(q.getTopic(), q.getBrokerName(), q.getQueueId()));
    }
    return out;
  }
}
