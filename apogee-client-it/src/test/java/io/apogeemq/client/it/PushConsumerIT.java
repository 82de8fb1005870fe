package io.apogeemq.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.consumer.ConsumeResult;
import io.apogeemq.client.consumer.PullConsumer;
import io.apogeemq.client.consumer.PushConsumer;
import io.apogeemq.client.consumer.PushConsumerConfig;
import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.consumer.StartPosition;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.testkit.Feature;
import io.apogeemq.testkit.TargetCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Push consumer (clustering) against the target cluster, alone and mixed with the official one. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PushConsumerIT {

  static TargetCluster cluster;
  static ApogeeClient client;
  static Producer producer;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterFixture.cluster();
    client = ClusterFixture.client(cluster);
    // generous timeout: a loaded machine makes the broker slow to auto-create a topic
    producer = client.producer(io.apogeemq.client.producer.ProducerConfig
        .defaults("apogee-it-push-producer").withSendTimeout(Duration.ofSeconds(10)));
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
        .longPollTimeout(Duration.ofSeconds(5));
  }

  private static List<String> send(String topic, String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(producer.send(Message.builder(topic).tags("t").body(prefix + i).build()).messageId());
    }
    return ids;
  }

  @Test
  void consumesEveryMessageAndAfterCloseAnotherMemberResumesFromTheCommittedOffsets()
      throws Exception {
    String topic = ClusterFixture.unique("push-basic");
    String group = ClusterFixture.unique("cg-basic");
    List<String> first = send(topic, "first-", 100);
    Set<String> got = ConcurrentHashMap.newKeySet();
    AtomicInteger deliveries = new AtomicInteger();
    try (ApogeeClient c1 = ClusterFixture.client(cluster);
         PushConsumer consumer = c1.pushConsumer(config(group, topic).batchSize(4).build(),
             batch -> {
               batch.forEach(m -> got.add(m.messageId()));
               deliveries.addAndGet(batch.size());
               return ConsumeResult.SUCCESS;
             })) {
      await().atMost(Duration.ofSeconds(60)).until(() -> got.containsAll(first));
      assertThat(consumer.assignedQueues()).extracting(MessageQueue::topic)
          .contains(topic);
    }
    assertThat(deliveries.get()).isEqualTo(100);
    List<String> second = send(topic, "second-", 20);
    Set<String> got2 = ConcurrentHashMap.newKeySet();
    try (ApogeeClient c2 = ClusterFixture.client(cluster);
         PushConsumer again = c2.pushConsumer(config(group, topic).build(), batch -> {
           batch.forEach(m -> got2.add(m.bodyText()));
           return ConsumeResult.SUCCESS;
         })) {
      await().atMost(Duration.ofSeconds(60)).until(() -> got2.size() >= 20);
      Thread.sleep(1_000);
      assertThat(got2).as("only messages after the committed offsets").hasSize(20)
          .allMatch(b -> b.startsWith("second-"));
    }
    assertThat(second).hasSize(20);
  }

  @Test
  void mixedGroupWithTheOfficialConsumerSplitsQueuesAndConsumesEachMessageOnce()
      throws Exception {
    String topic = ClusterFixture.unique("push-mixed");
    String group = ClusterFixture.unique("cg-mixed");
    producer.send(Message.builder(topic).body("create").build());
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    Set<Integer> officialQueues = ConcurrentHashMap.newKeySet();
    DefaultMQPushConsumer official = new DefaultMQPushConsumer(group);
    official.setNamesrvAddr(cluster.namesrvAddress());
    official.setInstanceName(ClusterFixture.unique("official-mixed"));
    official.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    official.subscribe(topic, "*");
    official.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(m -> {
        String body = new String(m.getBody());
        seen.merge(body, 1, Integer::sum);
        if (body.startsWith("m-")) {   // "create" may come before the split settled
          officialQueues.add(m.getQueueId());
        }
      });
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    official.start();
    try (ApogeeClient c = ClusterFixture.client(cluster);
         PushConsumer apogee = c.pushConsumer(config(group, topic).build(), batch -> {
           batch.forEach(m -> seen.merge(m.bodyText(), 1, Integer::sum));
           return ConsumeResult.SUCCESS;
         })) {
      await().atMost(Duration.ofSeconds(60)).until(() -> apogee.assignedQueues().stream()
          .filter(q -> q.topic().equals(topic)).count() == 2
          && official.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
          .keySet().stream().filter(q -> q.getTopic().equals(topic)).count() == 2);
      Set<Integer> apogeeQueues = new HashSet<>();
      apogee.assignedQueues().stream().filter(q -> q.topic().equals(topic))
          .forEach(q -> apogeeQueues.add(q.queueId()));
      send(topic, "m-", 200);
      await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() >= 201);
      Thread.sleep(2_000);
      assertThat(seen).hasSize(201);
      // "create" was consumed while the group was still being split; redelivery around a
      // rebalance is allowed (at-least-once). Every message sent after the split: exactly once.
      Map<String, Integer> afterSplit = new java.util.TreeMap<>(seen);
      afterSplit.remove("create");
      assertThat(afterSplit).as("each message sent after the split consumed once")
          .allSatisfy((body, n) -> assertThat(n).as(body).isEqualTo(1));
      assertThat(officialQueues).doesNotContainAnyElementsOf(apogeeQueues);
    } finally {
      official.shutdown();
    }
  }

  @Test
  void failingMessagesAreRedeliveredThenDeadLettered() throws Exception {
    ClusterFixture.assumeFeature(cluster, Feature.RETRY_AND_DLQ);
    String topic = ClusterFixture.unique("push-retry");
    String group = ClusterFixture.unique("cg-retry");
    Map<String, Integer> attempts = new ConcurrentHashMap<>();
    Map<String, Integer> reconsumeSeen = new ConcurrentHashMap<>();
    producer.send(Message.builder(topic).body("ok-0").build());
    producer.send(Message.builder(topic).body("poison").build());
    producer.send(Message.builder(topic).body("ok-1").build());
    try (ApogeeClient c = ClusterFixture.client(cluster);
         PushConsumer consumer = c.pushConsumer(config(group, topic).maxReconsumeTimes(1)
             .retryDelayLevel(1).build(), batch -> {
               for (ReceivedMessage m : batch) {
                 attempts.merge(m.bodyText(), 1, Integer::sum);
                 reconsumeSeen.merge(m.bodyText() + "@" + m.reconsumeTimes(), 1, Integer::sum);
                 assertThat(m.topic()).isEqualTo(topic);
                 if (m.bodyText().equals("poison")) {
                   throw new IllegalStateException("cannot handle poison");
                 }
               }
               return ConsumeResult.SUCCESS;
             })) {
      await().atMost(Duration.ofSeconds(90)).until(() -> attempts.getOrDefault("poison", 0) >= 2);
    }
    assertThat(attempts).containsEntry("ok-0", 1).containsEntry("ok-1", 1);
    assertThat(reconsumeSeen).containsKeys("poison@0", "poison@1");
    List<String> dead = new ArrayList<>();
    CountDownLatch one = new CountDownLatch(1);
    try (ApogeeClient c = ClusterFixture.client(cluster);
         PushConsumer dlq = c.pushConsumer(config(ClusterFixture.unique("cg-dlq-reader"),
             "%DLQ%" + group).build(), batch -> {
               batch.forEach(m -> dead.add(m.bodyText()));
               one.countDown();
               return ConsumeResult.SUCCESS;
             })) {
      assertThat(one.await(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(dead).containsExactly("poison");
    assertThat(attempts.get("poison")).isEqualTo(2);
  }

  @Test
  void broadcastingGivesEveryMemberEveryMessageAndResumesFromTheLocalOffsetFile()
      throws Exception {
    String topic = ClusterFixture.unique("push-bcast");
    String group = ClusterFixture.unique("cg-bcast");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("apogee-bcast-");
    try {
      producer.send(Message.builder(topic).body("create").build());
      Set<String> a = ConcurrentHashMap.newKeySet();
      Set<String> b = ConcurrentHashMap.newKeySet();
      try (ApogeeClient ca = clientNamed("bcast-a"); ApogeeClient cb = clientNamed("bcast-b")) {
        PushConsumer pa = ca.pushConsumer(config(group, topic).broadcasting(dir).build(), batch -> {
          batch.forEach(m -> a.add(m.bodyText()));
          return ConsumeResult.SUCCESS;
        });
        PushConsumer pb = cb.pushConsumer(config(group, topic).broadcasting(dir).build(), batch -> {
          batch.forEach(m -> b.add(m.bodyText()));
          return ConsumeResult.SUCCESS;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> pa.assignedQueues().size() == 4
            && pb.assignedQueues().size() == 4);
        send(topic, "b-", 40);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.size() >= 41 && b.size() >= 41);
        assertThat(a).isEqualTo(b).hasSize(41);
      }
      send(topic, "later-", 10);
      Set<String> again = ConcurrentHashMap.newKeySet();
      try (ApogeeClient ca = clientNamed("bcast-a")) {
        ca.pushConsumer(config(group, topic).broadcasting(dir).build(), batch -> {
          batch.forEach(m -> again.add(m.bodyText()));
          return ConsumeResult.SUCCESS;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> again.size() >= 10);
        Thread.sleep(1_000);
        assertThat(again).hasSize(10).allMatch(x -> x.startsWith("later-"));
      }
    } finally {
      io.apogeemq.testkit.TempDirs.delete(dir);
    }
  }

  private static ApogeeClient clientNamed(String instance) {
    return ApogeeClient.start(io.apogeemq.client.ClientConfig.builder()
        .namesrv(cluster.namesrvAddress()).clientIp("127.0.0.1").instanceName(instance)
        .routeRefreshInterval(Duration.ofSeconds(2)).heartbeatInterval(Duration.ofSeconds(5))
        .build());
  }

  @Test
  void pullConsumerAssignsSeeksPollsAndCommits() throws Exception {
    String topic = ClusterFixture.unique("pull");
    String group = ClusterFixture.unique("cg-pull");
    send(topic, "p-", 40);
    try (ApogeeClient c = ClusterFixture.client(cluster)) {
      PullConsumer pc = c.pullConsumer(group, StartPosition.first(), false, 16);
      List<MessageQueue> queues = pc.queuesOf(topic);
      assertThat(queues).hasSize(4);
      pc.assign(queues);
      List<String> bodies = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (bodies.size() < 40 && System.nanoTime() < deadline) {
        pc.poll(Duration.ofSeconds(2)).forEach(m -> bodies.add(m.bodyText()));
      }
      assertThat(bodies).hasSize(40).doesNotHaveDuplicates();
      assertThat(pc.poll(Duration.ofMillis(300))).as("nothing more").isEmpty();

      MessageQueue q0 = queues.get(0);
      long end = pc.position(q0);
      pc.seekToBeginning(q0);
      List<ReceivedMessage> again = new ArrayList<>();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (again.size() < end && System.nanoTime() < deadline) {
        again.addAll(pc.poll(Duration.ofSeconds(1)));
      }
      assertThat(again).hasSize((int) end).allMatch(m -> m.queue().equals(q0));
      pc.seek(q0, end - 1);
      assertThat(pc.poll(Duration.ofSeconds(5))).singleElement()
          .satisfies(m -> assertThat(m.queueOffset()).isEqualTo(end - 1));

      pc.commitSync();
      for (MessageQueue q : queues) {
        assertThat(pc.committed(q)).isEqualTo(pc.position(q));
      }
      pc.seekToTimestamp(q0, java.time.Instant.now().plusSeconds(3600));
      assertThat(pc.position(q0)).isEqualTo(end);
      pc.close();
    }
  }

  @Test
  void slowListenerMakesFlowControlStopPullingAndKeepsMemoryBounded() throws Exception {
    String topic = ClusterFixture.unique("push-slow");
    String group = ClusterFixture.unique("cg-slow");
    send(topic, "s-", 400);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger consumed = new AtomicInteger();
    try (ApogeeClient c = ClusterFixture.client(cluster);
         PushConsumer consumer = c.pushConsumer(config(group, topic).consumeThreads(1)
             .pullBatchSize(8).flowControl(16, 1L << 20, 2000).build(), batch -> {
               release.await();
               consumed.addAndGet(batch.size());
               return ConsumeResult.SUCCESS;
             })) {
      await().atMost(Duration.ofSeconds(60)).until(() -> consumer.flowControlPauses() > 20);
      int queues = (int) consumer.assignedQueues().stream()
          .filter(q -> q.topic().equals(topic)).count();
      assertThat(consumer.heldMessages()).as("held messages bounded by the per-queue limit")
          .isLessThanOrEqualTo(queues * (16 + 8)).isGreaterThan(0);
      release.countDown();
      await().atMost(Duration.ofSeconds(90)).until(() -> consumed.get() >= 400);
    }
  }
}
