package io.apogeemq.broker.compat;

import static io.apogeemq.broker.compat.OfficialClients.assignedQueues;
import static io.apogeemq.broker.compat.OfficialClients.pushConsumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.apogeemq.broker.compat.OfficialClients.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Push consumption by the official client (whichever version is on the test classpath). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PushConsumeIT {

  @TempDir Path dir;
  private ConsumeCluster cluster;
  private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

  @BeforeAll
  static void localOffsetsInTarget() {
    System.setProperty("rocketmq.client.localOffsetStoreDir", "target/it-client-offsets");
  }

  @BeforeEach
  void start() throws Exception {
    cluster = new ConsumeCluster(dir);
  }

  @AfterEach
  void stop() {
    try {
      consumers.forEach(DefaultMQPushConsumer::shutdown);
    } finally {
      cluster.close();
    }
  }

  private DefaultMQPushConsumer started(DefaultMQPushConsumer c) throws Exception {
    consumers.add(c);
    c.start();
    return c;
  }

  @Test
  void aClusteringPushConsumerGetsEveryStoredMessageIncludingOnesArrivingWhileItWaits()
      throws Exception {
    cluster.createTopic("PushT", 4);
    for (int i = 0; i < 20; i++) {
      cluster.append("PushT", i % 4, "A", "early-" + i);
    }
    Received received = new Received();
    started(pushConsumer(cluster, "push-g", "PushT", "*", received));
    await().atMost(Duration.ofSeconds(30)).until(() -> received.distinct() == 20);
    // The consumer's pulls are now parked by long polling; new messages must wake them.
    long t0 = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      cluster.append("PushT", i % 4, "A", "late-" + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct() == 28);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .as("held pulls are answered on arrival, not at the 5 s check")
        .isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void messagesSentSyncAsyncOnewayAndInBatchByTheOfficialProducerArePushedToTheConsumer()
      throws Exception {
    cluster.createTopic("SendT", 4);
    Received received = new Received();
    started(pushConsumer(cluster, "send-g", "SendT", "*", received));
    DefaultMQProducer producer = cluster.configure(new DefaultMQProducer("send-pg"));
    try {
      producer.start();
      for (int i = 0; i < 5; i++) {
        SendResult r = producer.send(new Message("SendT", "A", ("sync-" + i).getBytes(UTF_8)));
        assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      }
      CountDownLatch acked = new CountDownLatch(5);
      for (int i = 0; i < 5; i++) {
        producer.send(new Message("SendT", "A", ("async-" + i).getBytes(UTF_8)),
            new SendCallback() {
              @Override
              public void onSuccess(SendResult sendResult) {
                acked.countDown();
              }

              @Override
              public void onException(Throwable e) {
              }
            });
      }
      assertThat(acked.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 5; i++) {
        producer.sendOneway(new Message("SendT", "A", ("oneway-" + i).getBytes(UTF_8)));
      }
      List<Message> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batch.add(new Message("SendT", "A", ("batch-" + i).getBytes(UTF_8)));
      }
      assertThat(producer.send(batch).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    } finally {
      producer.shutdown();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> received.distinct() == 20);
    assertThat(received.tags.values()).containsOnly("A");
  }

  @Test
  void theTagExpressionAOrBDeliversOnlyThoseTags() throws Exception {
    cluster.createTopic("TagT", 2);
    String[] tags = {"A", "B", "C", "Aa", "BB"};
    for (int i = 0; i < 25; i++) {
      cluster.append("TagT", i % 2, tags[i % tags.length], "m-" + i);
    }
    Received received = new Received();
    started(pushConsumer(cluster, "tag-g", "TagT", "A || B", received));
    await().atMost(Duration.ofSeconds(30)).until(() -> received.distinct() == 10);
    Thread.sleep(500);
    assertThat(received.distinct()).isEqualTo(10);
    assertThat(received.tags.values()).containsOnly("A", "B");
  }

  @Test
  void broadcastingDeliversEveryMessageToBothConsumers() throws Exception {
    cluster.createTopic("BcT", 2);
    Received one = new Received();
    Received two = new Received();
    DefaultMQPushConsumer c1 = pushConsumer(cluster, "bc-g", "BcT", "*", one);
    DefaultMQPushConsumer c2 = pushConsumer(cluster, "bc-g", "BcT", "*", two);
    OfficialClients.broadcasting(c1);
    OfficialClients.broadcasting(c2);
    started(c1);
    started(c2);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> assignedQueues(c1, "BcT") == 2 && assignedQueues(c2, "BcT") == 2);
    for (int i = 0; i < 10; i++) {
      cluster.append("BcT", i % 2, null, "bc-" + i);
    }
    await().atMost(Duration.ofSeconds(30))
        .until(() -> one.distinct() == 10 && two.distinct() == 10);
  }

  @Test
  void threeConsumersOfOneGroupSplitTheQueuesAndConsumeEachMessageOnce() throws Exception {
    cluster.createTopic("SplitT", 6);
    Received[] received = {new Received(), new Received(), new Received()};
    DefaultMQPushConsumer[] cs = new DefaultMQPushConsumer[3];
    for (int i = 0; i < 3; i++) {
      cs[i] = started(pushConsumer(cluster, "split-g", "SplitT", "*", received[i]));
    }
    await().atMost(Duration.ofSeconds(40)).until(() ->
        assignedQueues(cs[0], "SplitT") == 2 && assignedQueues(cs[1], "SplitT") == 2
            && assignedQueues(cs[2], "SplitT") == 2);
    for (int i = 0; i < 60; i++) {
      cluster.append("SplitT", i % 6, null, "s-" + i);
    }
    AtomicInteger total = new AtomicInteger();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      total.set(received[0].total() + received[1].total() + received[2].total());
      return total.get() >= 60;
    });
    Thread.sleep(500);
    for (Received r : received) {
      assertThat(r.distinct()).as("each consumer owns two queues").isEqualTo(20);
      assertThat(r.counts.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
    assertThat(received[0].total() + received[1].total() + received[2].total()).isEqualTo(60);
  }
}
