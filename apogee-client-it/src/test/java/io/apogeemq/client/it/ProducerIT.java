package io.apogeemq.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.client.message.SendResult;
import io.apogeemq.client.message.SendStatus;
import io.apogeemq.client.producer.AutoBatching;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import io.apogeemq.client.producer.TransactionResult;
import io.apogeemq.client.producer.TransactionState;
import io.apogeemq.testkit.Feature;
import io.apogeemq.testkit.FreePorts;
import io.apogeemq.testkit.TargetCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Producer against the target cluster; what it sends is read back by the official consumer. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProducerIT {

  static TargetCluster cluster;
  static ApogeeClient client;
  static Producer producer;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterFixture.cluster();
    client = ClusterFixture.client(cluster);
    // generous timeout: a loaded machine makes the broker slow to auto-create a topic
    producer = client.producer(ProducerConfig.defaults("apogee-it-producer")
        .withSendTimeout(Duration.ofSeconds(10)));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void officialConsumerReceivesSyncSendsWithTagsKeysPropertiesAndCompressedBodiesIntact()
      throws Exception {
    String topic = ClusterFixture.unique("it-sync");
    byte[] big = new byte[20_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('a' + i % 7);
    }
    List<SendResult> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Message m = Message.builder(topic).tags("tag" + (i % 3)).keys("k" + i, "order-" + i)
          .property("index", Integer.toString(i))
          .body(i == 7 ? big : ("body-" + i).getBytes(StandardCharsets.UTF_8)).build();
      SendResult r = producer.send(m);
      assertThat(r.status()).isEqualTo(SendStatus.SEND_OK);
      assertThat(r.queue().topic()).isEqualTo(topic);
      assertThat(r.offsetMessageId()).hasSize(32);
      results.add(r);
    }
    try (ClusterFixture.OfficialCollector official = new ClusterFixture.OfficialCollector(
        cluster, ClusterFixture.unique("official-cg"), topic)) {
      List<MessageExt> got = official.awaitCount(20, 60_000);
      assertThat(got).hasSize(20);
      Map<String, MessageExt> byId = got.stream()
          .collect(Collectors.toMap(MessageExt::getMsgId, Function.identity(), (a, b) -> a));
      for (int i = 0; i < 20; i++) {
        MessageExt e = byId.get(results.get(i).messageId());
        assertThat(e).as("message %d by unique id", i).isNotNull();
        assertThat(e.getTags()).isEqualTo("tag" + (i % 3));
        assertThat(e.getKeys()).isEqualTo("k" + i + " order-" + i);
        assertThat(e.getUserProperty("index")).isEqualTo(Integer.toString(i));
        assertThat(e.getQueueOffset()).isEqualTo(results.get(i).queueOffset());
        assertThat(e.getQueueId()).isEqualTo(results.get(i).queue().queueId());
        if (i == 7) {
          assertThat(e.getBody()).isEqualTo(big);
        } else {
          assertThat(new String(e.getBody(), StandardCharsets.UTF_8)).isEqualTo("body-" + i);
        }
      }
    }
  }

  @Test
  void asyncAndOnewaySendsAreAllStoredAndSpreadOverQueues() throws Exception {
    String topic = ClusterFixture.unique("it-async");
    producer.send(Message.of(topic, "warm-up".getBytes(StandardCharsets.UTF_8)));
    List<CompletableFuture<SendResult>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(producer.sendAsync(Message.of(topic, ("a" + i).getBytes(StandardCharsets.UTF_8))));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    Set<Integer> queues = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<SendResult> f : futures) {
      assertThat(f.join().status()).isEqualTo(SendStatus.SEND_OK);
      queues.add(f.join().queue().queueId());
      ids.add(f.join().messageId());
    }
    assertThat(ids).hasSize(200);
    assertThat(queues).hasSizeGreaterThan(1);
    for (int i = 0; i < 10; i++) {
      producer.sendOneway(Message.of(topic, ("o" + i).getBytes(StandardCharsets.UTF_8)));
    }
    try (ClusterFixture.OfficialCollector official = new ClusterFixture.OfficialCollector(
        cluster, ClusterFixture.unique("official-cg"), topic)) {
      List<MessageExt> got = official.awaitCount(211, 60_000);
      Set<String> bodies = got.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
          .collect(Collectors.toSet());
      assertThat(bodies).hasSize(211).contains("a0", "a199", "o0", "o9", "warm-up");
    }
  }

  @Test
  void autoBatchedAsyncSendsCompleteEachFutureWithItsOwnResultAndSplitErrorsBack()
      throws Exception {
    String topic = ClusterFixture.unique("it-autobatch");
    producer.send(Message.of(topic, "warm-up".getBytes(StandardCharsets.UTF_8)));
    try (Producer batching = client.producer(ProducerConfig.defaults("apogee-it-autobatch")
        .withSendTimeout(Duration.ofSeconds(10)).withMaxMessageSize(64 * 1024)
        .withAutoBatching(AutoBatching.of(Duration.ofMillis(20), 16, 32 * 1024)))) {
      List<CompletableFuture<SendResult>> futures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        futures.add(batching.sendAsync(Message.builder(topic).keys("key-" + i)
            .property("n", Integer.toString(i)).body("ab-" + i).build()));
      }
      CompletableFuture<SendResult> oversized = batching.sendAsync(
          Message.of(topic, new byte[64 * 1024 + 1]));
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      Set<String> ids = new HashSet<>();
      Set<String> positions = new HashSet<>();
      for (CompletableFuture<SendResult> f : futures) {
        SendResult r = f.join();
        assertThat(r.status()).isEqualTo(SendStatus.SEND_OK);
        ids.add(r.messageId());
        positions.add(r.queue() + "@" + r.queueOffset());
      }
      assertThat(ids).as("each message its own id").hasSize(100);
      assertThat(positions).as("each message its own queue offset").hasSize(100);
      assertThatThrownBy(() -> oversized.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ClientException.class).hasMessageContaining("over the limit");

      // a batch the broker refuses (5 MiB, over its 4 MiB limit; this producer allows 8 MiB)
      // fails every message's future with the batch's error
      try (Producer big = client.producer(ProducerConfig.defaults("apogee-it-autobatch-big")
          .withSendTimeout(Duration.ofSeconds(20)).withMaxMessageSize(8 << 20)
          .withAutoBatching(AutoBatching.of(Duration.ofMillis(500), 5, 8 << 20)))) {
        byte[] mib = new byte[1 << 20];
        new java.util.Random(7).nextBytes(mib);
        List<CompletableFuture<SendResult>> refused = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          refused.add(big.sendAsync(Message.of(topic, mib)));
        }
        for (CompletableFuture<SendResult> f : refused) {
          assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS))
              .hasCauseInstanceOf(ClientException.class)
              .hasMessageContaining("automatic batch of 5 message(s)");
        }
      }
      try (ClusterFixture.OfficialCollector official = new ClusterFixture.OfficialCollector(
          cluster, ClusterFixture.unique("official-cg"), topic)) {
        List<MessageExt> got = official.awaitCount(101, 60_000);
        Map<String, MessageExt> byBody = got.stream().collect(Collectors.toMap(
            m -> new String(m.getBody(), StandardCharsets.UTF_8), m -> m, (a, b) -> a));
        assertThat(byBody).hasSize(101);
        for (int i = 0; i < 100; i++) {
          MessageExt m = byBody.get("ab-" + i);
          assertThat(m.getKeys()).isEqualTo("key-" + i);
          assertThat(m.getUserProperty("n")).isEqualTo(Integer.toString(i));
          assertThat(m.getMsgId()).isEqualTo(futures.get(i).join().messageId());
        }
      }
    }
  }

  @Test
  void batchIsSplitUnderTheSizeLimitAndEveryMessageArrivesOnce() throws Exception {
    String topic = ClusterFixture.unique("it-batch");
    try (Producer small = client.producer(ProducerConfig.defaults("apogee-it-batch")
        .withMaxMessageSize(16 * 1024))) {
      List<Message> batch = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        byte[] body = new byte[1000];
        Arrays.fill(body, (byte) i);
        batch.add(Message.builder(topic).tags("b").keys("batch-" + i).body(body).build());
      }
      List<SendResult> results = small.sendBatch(batch);
      assertThat(results).hasSize(60);
      assertThat(results.stream().map(SendResult::messageId).distinct()).hasSize(60);
      assertThat(results.stream().map(SendResult::queue).distinct().count())
          .as("several parts, each on its own round-robin queue").isGreaterThan(1);
      try (ClusterFixture.OfficialCollector official = new ClusterFixture.OfficialCollector(
          cluster, ClusterFixture.unique("official-cg"), topic)) {
        List<MessageExt> got = official.awaitCount(60, 60_000);
        assertThat(got).hasSize(60);
        for (MessageExt e : got) {
          int i = Integer.parseInt(e.getKeys().substring("batch-".length()));
          assertThat(e.getBody()).hasSize(1000).containsOnly((byte) i);
          assertThat(e.getMsgId()).isEqualTo(results.get(i).messageId());
        }
      }
    }
  }

  @Test
  void shardingKeyAndSelectorPinQueuesInSendOrder() {
    String topic = ClusterFixture.unique("it-order");
    producer.send(Message.of(topic, "create".getBytes(StandardCharsets.UTF_8)));
    List<SendResult> ordered = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ordered.add(producer.send(Message.builder(topic).shardingKey("customer-42")
          .body("step-" + i).build()));
    }
    assertThat(ordered.stream().map(SendResult::queue).distinct()).hasSize(1);
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(ordered.get(i).queueOffset()).isGreaterThan(ordered.get(i - 1).queueOffset());
    }
    SendResult selected = producer.send(Message.of(topic, "x".getBytes(StandardCharsets.UTF_8)),
        (queues, m) -> queues.get(queues.size() - 1));
    assertThat(selected.queue().queueId()).isEqualTo(3);
    SendResult explicit = producer.send(Message.of(topic, "y".getBytes(StandardCharsets.UTF_8)),
        new MessageQueue(topic, cluster.brokerName(), 2));
    assertThat(explicit.queue().queueId()).isEqualTo(2);
  }

  @Test
  void transactionsCommitRollBackAndResolveUnknownOutcomesThroughTheChecker() throws Exception {
    ClusterFixture.assumeFeature(cluster, Feature.TRANSACTIONS);
    String topic = ClusterFixture.unique("it-tx");
    producer.send(Message.of(topic, "create".getBytes(StandardCharsets.UTF_8)));
    Set<String> checked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (Producer tx = client.transactionProducer(ProducerConfig.defaults("apogee-it-tx"),
        half -> {
          checked.add(half.bodyText());
          return half.bodyText().startsWith("unknown") ? TransactionState.COMMIT
              : TransactionState.ROLLBACK;
        })) {
      assertThat(tx.sendInTransaction(Message.of(topic, "commit-1".getBytes()),
          (m, half) -> TransactionState.COMMIT).state()).isEqualTo(TransactionState.COMMIT);
      assertThat(tx.sendInTransaction(Message.of(topic, "rollback-1".getBytes()),
          (m, half) -> TransactionState.ROLLBACK).state()).isEqualTo(TransactionState.ROLLBACK);
      TransactionResult unknown = tx.sendInTransaction(Message.of(topic, "unknown-1".getBytes()),
          (m, half) -> {
            throw new IllegalStateException("local transaction crashed");
          });
      assertThat(unknown.state()).isEqualTo(TransactionState.UNKNOWN);
      assertThat(unknown.half().transactionId()).isNotBlank();
      try (ClusterFixture.OfficialCollector official = new ClusterFixture.OfficialCollector(
          cluster, ClusterFixture.unique("official-cg"), topic)) {
        List<MessageExt> got = official.awaitCount(3, 90_000);
        Set<String> bodies = got.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
            .collect(Collectors.toSet());
        assertThat(bodies).containsExactlyInAnyOrder("create", "commit-1", "unknown-1");
        assertThat(checked).contains("unknown-1");
      }
    }
  }

  @Test
  void adminCreatesListsMeasuresLagAndDeletesTopics() throws Exception {
    io.apogeemq.client.admin.Admin admin = client.admin();
    io.apogeemq.client.admin.ClusterInfo info = admin.clusterInfo();
    assertThat(info.clusters()).containsKey(cluster.clusterName());
    assertThat(info.masters()).containsExactly(cluster.brokerAddress());

    String topic = ClusterFixture.unique("it-admin");
    admin.createTopic(topic, 2);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> admin.queues(topic).size() == 2);
    assertThat(admin.listTopics()).contains(topic);
    for (int i = 0; i < 10; i++) {
      producer.send(Message.of(topic, ("lag-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    String group = ClusterFixture.unique("cg-lag");
    // stored messages reach the consume queues (and so the max offsets) asynchronously on both
    // brokers; on a loaded machine that takes a moment
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> admin.lag(group, topic) == 10);
    assertThat(admin.lag(group, topic)).isEqualTo(10);
    MessageQueue q0 = admin.queues(topic).get(0);
    assertThat(admin.maxOffset(q0)).isEqualTo(5);
    assertThat(admin.committedOffset(group, q0)).isEqualTo(-1);

    admin.deleteTopic(topic);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> !admin.listTopics().contains(topic));
  }

  @Test
  void selectorReturningAForeignQueueIsRefusedClearly() {
    String topic = ClusterFixture.unique("it-badsel");
    producer.send(Message.of(topic, "create".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> producer.send(Message.of(topic, "z".getBytes(StandardCharsets.UTF_8)),
        (queues, m) -> new MessageQueue("other", "nowhere", 99)))
        .isInstanceOf(ClientException.class).hasMessageContaining("not one of");
  }

  @Test
  void oversizedBodyIsRefusedBeforeAnythingIsSent() {
    Message huge = Message.of(ClusterFixture.unique("it-huge"), new byte[4 * 1024 * 1024 + 1]);
    assertThatThrownBy(() -> producer.send(huge)).isInstanceOf(ClientException.class)
        .hasMessageContaining("over the limit");
  }

  @Test
  void unreachableNameServerFailsWithAClearErrorAndAReachableOneIsUsedInstead() throws Exception {
    int dead = FreePorts.one();
    try (ApogeeClient lonely = ApogeeClient.start(ClientConfig.builder()
        .namesrv("127.0.0.1:" + dead).requestTimeout(Duration.ofSeconds(1)).build());
         Producer p = lonely.producer(ProducerConfig.defaults("apogee-it-lonely")
             .withSendTimeout(Duration.ofSeconds(2)))) {
      assertThatThrownBy(() -> p.send(Message.of("anything", new byte[] {1})))
          .isInstanceOf(ClientException.class)
          .hasMessageContaining("no NameServer answered").hasMessageContaining("127.0.0.1:" + dead);
    }
    try (ApogeeClient both = ApogeeClient.start(ClientConfig.builder()
        .namesrv("127.0.0.1:" + dead + ";" + cluster.namesrvAddress()).build());
         Producer p = both.producer("apogee-it-failover")) {
      for (int i = 0; i < 3; i++) {
        assertThat(p.send(Message.of(ClusterFixture.unique("it-failover"), new byte[] {1}))
            .status()).isEqualTo(SendStatus.SEND_OK);
      }
    }
  }
}
