package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.apogeemq.common.name.NameRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delay levels end to end with the official producer and push consumer (whichever version is on
 * the test classpath): the message is held for its level's delay, then delivered once to its real
 * topic with the same msgId.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DelayLevelIT {

  @TempDir Path dir;
  private ConsumeCluster cluster;
  private DefaultMQProducer producer;
  private DefaultMQPushConsumer consumer;

  @BeforeAll
  static void localOffsetsInTarget() {
    System.setProperty("rocketmq.client.localOffsetStoreDir", "target/it-client-offsets");
  }

  @AfterEach
  void stop() {
    try {
      if (consumer != null) {
        consumer.shutdown();
      }
      if (producer != null) {
        producer.shutdown();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  private void startProducer() throws Exception {
    producer = cluster.configure(new DefaultMQProducer("delay-pg"));
    producer.setSendMsgTimeout(15_000); // the shared test machine can be very slow
    producer.start();
  }

  private void startConsumer(String group, String topic, Map<String, MessageExt> firstSeen,
      Map<String, AtomicInteger> counts, CopyOnWriteArrayList<Long> receivedAt) throws Exception {
    consumer = cluster.configure(new DefaultMQPushConsumer(group));
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.subscribe(topic, "*");
    consumer.registerMessageListener(
        (org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently)
            (msgs, ctx) -> {
              long now = System.currentTimeMillis();
              for (MessageExt m : msgs) {
                String body = new String(m.getBody(), UTF_8);
                firstSeen.putIfAbsent(body, m);
                counts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                receivedAt.add(now);
              }
              return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
    consumer.start();
  }

  @Test
  void delayLevelTwoOfTheDefaultTableArrivesAfterFiveSecondsAndNotBefore() throws Exception {
    cluster = new ConsumeCluster(dir);
    cluster.createTopic("DelayT", 4);
    Map<String, MessageExt> seen = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    CopyOnWriteArrayList<Long> receivedAt = new CopyOnWriteArrayList<>();
    startConsumer("delay-g", "DelayT", seen, counts, receivedAt);
    startProducer();

    Message m = new Message("DelayT", "TagA", "key-1", "delayed".getBytes(UTF_8));
    m.setDelayTimeLevel(2);
    long sentAt = System.currentTimeMillis();
    SendResult r = producer.send(m);
    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    assertThat(cluster.broker().store().maxOffset(NameRules.SCHEDULE_TOPIC, 1))
        .as("parked in schedule queue level-1").isEqualTo(1);

    Thread.sleep(4_000);
    assertThat(counts).as("nothing delivered before 5 s").isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("delayed"));

    MessageExt got = seen.get("delayed");
    assertThat(got.getStoreTimestamp() - sentAt).as("stored to the real topic after 5 s")
        .isGreaterThanOrEqualTo(5_000).isLessThan(7_000);
    assertThat(receivedAt.get(0) - sentAt).isGreaterThanOrEqualTo(5_000);
    assertThat(got.getTopic()).isEqualTo("DelayT");
    assertThat(got.getQueueId()).isEqualTo(r.getMessageQueue().getQueueId());
    assertThat(got.getMsgId()).as("same msgId").isEqualTo(r.getMsgId());
    assertThat(got.getTags()).isEqualTo("TagA");
    assertThat(got.getKeys()).isEqualTo("key-1");
    assertThat(got.getProperty("DELAY")).as("delay property removed").isNull();
    Thread.sleep(1_000);
    assertThat(counts.get("delayed")).hasValue(1);
  }

  @Test
  void delayedMessagesPendingAcrossABrokerRestartAreEachDeliveredExactlyOnce() throws Exception {
    Properties p = new Properties();
    p.setProperty("messageDelayLevel", "1s 3s 4s");
    cluster = new ConsumeCluster(dir, p);
    cluster.createTopic("DelayR", 4);
    startProducer();
    // Level 1 is delivered before the restart; levels 2, 3 and 30 (clamped to 3) are pending.
    for (int i = 0; i < 5; i++) {
      Message m = new Message("DelayR", ("early-" + i).getBytes(UTF_8));
      m.setDelayTimeLevel(1);
      assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> totalStored("DelayR") == 5);
    for (int i = 0; i < 15; i++) {
      Message m = new Message("DelayR", ("late-" + i).getBytes(UTF_8));
      m.setDelayTimeLevel(i < 5 ? 2 : i < 10 ? 3 : 30);
      assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }
    assertThat(cluster.broker().store().maxOffset(NameRules.SCHEDULE_TOPIC, 2))
        .as("level 30 clamped to the highest level, 3").isEqualTo(10);
    assertThat(totalStored("DelayR")).as("nothing pending was delivered yet").isEqualTo(5);

    cluster.restartBroker();

    Map<String, MessageExt> seen = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    startConsumer("delay-r-g", "DelayR", seen, counts, new CopyOnWriteArrayList<>());
    await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 20);
    Thread.sleep(2_000);
    assertThat(totalStored("DelayR")).as("each message stored once in the real topic")
        .isEqualTo(20);
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).hasValue(1));
  }

  private long totalStored(String topic) {
    long n = 0;
    for (int q = 0; q < 4; q++) {
      n += cluster.broker().store().maxOffset(topic, q);
    }
    return n;
  }
}
