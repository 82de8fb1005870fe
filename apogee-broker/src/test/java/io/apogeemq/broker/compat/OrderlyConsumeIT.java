package io.apogeemq.broker.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orderly consumption ({@code MessageListenerOrderly}) by the official client against the broker's
 * queue locks, through rebalancing: consumers join and leave while messages flow, and still every
 * key's messages are consumed in order, every message is consumed, and no queue is ever consumed
 * by two consumers at once.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class OrderlyConsumeIT {

  private static final String TOPIC = "OrderlyT";
  private static final String GROUP = "orderly-g";
  private static final int KEYS = 8;
  private static final int PER_KEY_PER_PHASE = 15;

  @TempDir Path dir;
  private ConsumeCluster cluster;
  private DefaultMQProducer producer;
  private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
  private final Map<Integer, Queue<Integer>> seqByKey = new ConcurrentHashMap<>();
  private final Map<Integer, String> consumingQueue = new ConcurrentHashMap<>();
  private final Queue<String> overlaps = new ConcurrentLinkedQueue<>();
  private final int[] nextSeq = new int[KEYS];

  @BeforeEach
  void start() throws Exception {
    cluster = new ConsumeCluster(dir);
    cluster.createTopic(TOPIC, 4);
    producer = cluster.configure(new DefaultMQProducer("orderly-pg"));
    producer.start();
  }

  @AfterEach
  void stop() {
    try {
      consumers.forEach(DefaultMQPushConsumer::shutdown);
      producer.shutdown();
    } finally {
      cluster.close();
    }
  }

  private DefaultMQPushConsumer startConsumer(String name) throws Exception {
    DefaultMQPushConsumer c = cluster.configure(new DefaultMQPushConsumer(GROUP));
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.setAwaitTerminationMillisWhenShutdown(5_000);
    c.subscribe(TOPIC, "*");
    c.registerMessageListener(listener(name));
    consumers.add(c);
    c.start();
    return c;
  }

  private MessageListenerOrderly listener(String name) {
    return (msgs, context) -> {
      for (MessageExt m : msgs) {
        int queue = m.getQueueId();
        String other = consumingQueue.putIfAbsent(queue, name);
        if (other != null && !other.equals(name)) {
          overlaps.add("queue " + queue + " consumed by " + name + " while " + other + " was");
        }
        try {
          String[] parts = new String(m.getBody(), UTF_8).split(":");
          seqByKey.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ConcurrentLinkedQueue<>())
              .add(Integer.parseInt(parts[1]));
          Thread.sleep(3);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          consumingQueue.remove(queue, name);
        }
      }
      return ConsumeOrderlyStatus.SUCCESS;
    };
  }

  private void sendPhase() throws Exception {
    MessageQueueSelector byKey = (mqs, msg, arg) -> mqs.get((Integer) arg % mqs.size());
    for (int i = 0; i < PER_KEY_PER_PHASE; i++) {
      for (int key = 0; key < KEYS; key++) {
        Message m = new Message(TOPIC, "T", (key + ":" + nextSeq[key]++).getBytes(UTF_8));
        SendResult r = producer.send(m, byKey, key);
        assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void threeOrderlyConsumersJoiningAndLeavingKeepEveryKeysOrderAndConsumeEverything()
      throws Exception {
    DefaultMQPushConsumer first = startConsumer("c1");
    sendPhase();
    startConsumer("c2");
    startConsumer("c3");
    sendPhase();
    first.shutdown();
    consumers.remove(first);
    sendPhase();

    int perKey = 3 * PER_KEY_PER_PHASE;
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
        seqByKey.size() == KEYS && seqByKey.values().stream()
            .allMatch(q -> q.stream().distinct().count() == perKey));

    for (Map.Entry<Integer, Queue<Integer>> e : seqByKey.entrySet()) {
      int highest = -1;
      for (int seq : e.getValue()) {
        assertThat(seq).as("key %d consumed %s: never skips ahead", e.getKey(), e.getValue())
            .isLessThanOrEqualTo(highest + 1);
        highest = Math.max(highest, seq);
      }
    }
    assertThat(overlaps).as("a queue consumed by two consumers at once").isEmpty();
  }
}
