package io.apogeemq.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.consumer.OrderlyMessageListener;
import io.apogeemq.client.consumer.OrderlyResult;
import io.apogeemq.client.consumer.PushConsumer;
import io.apogeemq.client.consumer.PushConsumerConfig;
import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.consumer.StartPosition;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import io.apogeemq.testkit.Feature;
import io.apogeemq.testkit.TargetCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Orderly push consumers: broker locks, per-key order across rebalancing, local retry, DLQ. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OrderlyConsumerIT {

  static TargetCluster cluster;
  static ApogeeClient client;
  static Producer producer;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterFixture.cluster();
    client = ClusterFixture.client(cluster);
    producer = client.producer(ProducerConfig.defaults("apogee-it-orderly-producer")
        .withSendTimeout(Duration.ofSeconds(10)));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
  }

  private static PushConsumerConfig.Builder config(String group, String topic) {
    return PushConsumerConfig.builder(group).subscribe(topic, "*").start(StartPosition.first())
        .rebalanceInterval(Duration.ofSeconds(2)).persistInterval(Duration.ofSeconds(1))
        .longPollTimeout(Duration.ofSeconds(5)).lockInterval(Duration.ofSeconds(2));
  }

  /** One delivery as a listener saw it. */
  record Delivery(String member, String key, int seq) {}

  private static OrderlyMessageListener recorder(String member, List<Delivery> log) {
    return batch -> {
      for (ReceivedMessage m : batch) {
        String[] keySeq = m.bodyText().split(":");
        log.add(new Delivery(member, keySeq[0], Integer.parseInt(keySeq[1])));
      }
      Thread.sleep(2);
      return OrderlyResult.SUCCESS;
    };
  }

  private static void sendKeyed(String topic, int keys, int from, int to) {
    for (int seq = from; seq < to; seq++) {
      for (int k = 0; k < keys; k++) {
        String key = "k" + k;
        producer.send(Message.builder(topic).shardingKey(key).body(key + ":" + seq).build());
      }
    }
  }

  @Test
  void threeOrderlyConsumersWithRebalancingKeepEveryKeysOrder() throws Exception {
    ClusterFixture.assumeFeature(cluster, Feature.QUEUE_LOCKS);
    String topic = ClusterFixture.unique("orderly");
    String group = ClusterFixture.unique("cg-orderly");
    client.admin().createTopic(topic, 8);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.admin().queues(topic).size() == 8);
    int keys = 16;
    int perKey = 60;
    List<Delivery> log = new CopyOnWriteArrayList<>();
    ApogeeClient ca = ClusterFixture.client(cluster);
    ApogeeClient cb = ClusterFixture.client(cluster);
    ApogeeClient cc = ClusterFixture.client(cluster);
    try {
      PushConsumer a = ca.orderlyPushConsumer(config(group, topic).build(), recorder("a", log));
      sendKeyed(topic, keys, 0, 20);
      await().atMost(Duration.ofSeconds(60)).until(() -> log.size() >= 100);
      PushConsumer b = cb.orderlyPushConsumer(config(group, topic).build(), recorder("b", log));
      sendKeyed(topic, keys, 20, 35);
      PushConsumer c = cc.orderlyPushConsumer(config(group, topic).build(), recorder("c", log));
      await().atMost(Duration.ofSeconds(60)).until(() -> queuesOf(b, topic)
          + queuesOf(c, topic) >= 5);
      sendKeyed(topic, keys, 35, 50);
      a.close();                                   // a leaves: b and c take its queues
      sendKeyed(topic, keys, 50, perKey);
      await().atMost(Duration.ofSeconds(90)).until(() -> distinct(log).size() == keys * perKey);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> queuesOf(b, topic) + queuesOf(c, topic) == 8);
      Set<String> members = new HashSet<>();
      log.forEach(d -> members.add(d.member()));
      assertThat(members).as("all three members consumed").containsExactlyInAnyOrder("a", "b",
          "c");
    } finally {
      cc.close();
      cb.close();
      ca.close();
    }
    // per key: the first delivery of each message comes after those of all earlier messages
    Map<String, Integer> nextExpected = new HashMap<>();
    Set<Delivery> seen = new HashSet<>();
    int redelivered = 0;
    for (Delivery d : log) {
      Delivery id = new Delivery("", d.key(), d.seq());
      if (!seen.add(id)) {
        redelivered++;
        continue;
      }
      int expected = nextExpected.getOrDefault(d.key(), 0);
      assertThat(d.seq()).as("first delivery of %s:%d (by %s)", d.key(), d.seq(), d.member())
          .isEqualTo(expected);
      nextExpected.put(d.key(), expected + 1);
    }
    assertThat(nextExpected).hasSize(keys).allSatisfy((k, n) -> assertThat(n).isEqualTo(perKey));
    // a queue changes hands only after its commit: nothing is delivered twice
    assertThat(redelivered).as("redeliveries").isZero();
  }

  private static long queuesOf(PushConsumer consumer, String topic) {
    return consumer.assignedQueues().stream().filter(q -> q.topic().equals(topic)).count();
  }

  private static Set<String> distinct(List<Delivery> log) {
    Set<String> s = new HashSet<>();
    log.forEach(d -> s.add(d.key() + ":" + d.seq()));
    return s;
  }

  @Test
  void failedBatchIsRetriedLocallyAfterASuspensionInOrderThenDeadLettered() throws Exception {
    ClusterFixture.assumeFeature(cluster, Feature.QUEUE_LOCKS);
    ClusterFixture.assumeFeature(cluster, Feature.RETRY_AND_DLQ);
    String topic = ClusterFixture.unique("orderly-retry");
    String group = ClusterFixture.unique("cg-orderly-retry");
    for (String body : List.of("k:0", "k:poison", "k:2", "k:3")) {
      producer.send(Message.builder(topic).shardingKey("k").body(body).build());
    }
    List<String> deliveries = Collections.synchronizedList(new ArrayList<>());
    Map<String, List<Long>> attemptTimes = new ConcurrentHashMap<>();
    AtomicInteger poisonReconsume = new AtomicInteger(-1);
    long suspendMillis = 300;
    try (ApogeeClient c = ClusterFixture.client(cluster);
         PushConsumer consumer = c.orderlyPushConsumer(config(group, topic).maxReconsumeTimes(2)
             .suspendInterval(Duration.ofMillis(suspendMillis)).build(), batch -> {
               for (ReceivedMessage m : batch) {
                 deliveries.add(m.bodyText() + "@" + m.reconsumeTimes());
                 attemptTimes.computeIfAbsent(m.bodyText(), x -> new CopyOnWriteArrayList<>())
                     .add(System.nanoTime());
                 if (m.bodyText().equals("k:poison")) {
                   poisonReconsume.set(m.reconsumeTimes());
                   throw new IllegalStateException("cannot handle " + m.bodyText());
                 }
               }
               return OrderlyResult.SUCCESS;
             })) {
      await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.contains("k:3@0"));
      assertThat(consumer.assignedQueues()).isNotEmpty();
    }
    assertThat(deliveries).as("local retries in order, the rest waits for the poison message")
        .containsExactly("k:0@0", "k:poison@0", "k:poison@1", "k:poison@2", "k:2@0", "k:3@0");
    List<Long> times = attemptTimes.get("k:poison");
    for (int i = 1; i < times.size(); i++) {
      assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1)))
          .as("suspension before retry %d", i).isGreaterThanOrEqualTo(suspendMillis - 20);
    }
    List<String> dead = new CopyOnWriteArrayList<>();
    try (ApogeeClient c = ClusterFixture.client(cluster);
         PushConsumer dlq = c.pushConsumer(PushConsumerConfig
             .builder(ClusterFixture.unique("cg-orderly-dlq")).subscribe("%DLQ%" + group, "*")
             .start(StartPosition.first()).rebalanceInterval(Duration.ofSeconds(2))
             .longPollTimeout(Duration.ofSeconds(5)).build(), batch -> {
               batch.forEach(m -> dead.add(m.bodyText()));
               return io.apogeemq.client.consumer.ConsumeResult.SUCCESS;
             })) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !dead.isEmpty());
    }
    assertThat(dead).containsExactly("k:poison");
  }
}
