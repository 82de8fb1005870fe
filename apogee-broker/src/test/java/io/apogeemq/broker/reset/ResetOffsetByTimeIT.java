package io.apogeemq.broker.reset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.support.LocalCluster;
import io.apogeemq.broker.topic.TopicConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code DefaultMQAdminExt.resetOffsetByTimestamp} (official 5.3.3) on a group with a live
 * official push consumer: the broker moves the committed offsets and tells the consumer, which
 * consumes again from the new position.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ResetOffsetByTimeIT {

  private LocalCluster cluster;
  private DefaultMQAdminExt admin;
  private DefaultMQProducer producer;
  private DefaultMQPushConsumer consumer;

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster();
    admin = new DefaultMQAdminExt(10_000);
    admin.setNamesrvAddr(cluster.namesrvAddr());
    admin.setInstanceName("reset-admin-" + System.nanoTime());
    admin.setVipChannelEnabled(false);
    admin.start();
    producer = new DefaultMQProducer("reset-pg");
    producer.setNamesrvAddr(cluster.namesrvAddr());
    producer.setInstanceName("reset-p-" + System.nanoTime());
    producer.setVipChannelEnabled(false);
    producer.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (consumer != null) {
        consumer.shutdown();
      }
      producer.shutdown();
      admin.shutdown();
    } finally {
      cluster.close();
    }
  }

  @Test
  void aLiveConsumerReConsumesFromTheResetPosition() throws Exception {
    cluster.broker().topics().put(TopicConfig.of("ResetT", 2));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
        !admin.examineTopicRouteInfo("ResetT").getBrokerDatas().isEmpty());
    for (int i = 0; i < 6; i++) {
      producer.send(new Message("ResetT", ("early-" + i).getBytes(UTF_8)));
    }
    Thread.sleep(50);
    long resetTo = System.currentTimeMillis();
    Thread.sleep(50);
    for (int i = 0; i < 6; i++) {
      producer.send(new Message("ResetT", ("late-" + i).getBytes(UTF_8)));
    }
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    consumer = new DefaultMQPushConsumer("reset-g");
    consumer.setNamesrvAddr(cluster.namesrvAddr());
    consumer.setInstanceName("reset-c-" + System.nanoTime());
    consumer.setVipChannelEnabled(false);
    consumer.setHeartbeatBrokerInterval(2_000);
    consumer.setPersistConsumerOffsetInterval(500);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.subscribe("ResetT", "*");
    consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(m -> seen.computeIfAbsent(new String(m.getBody(), UTF_8),
          b -> new AtomicInteger()).incrementAndGet());
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    consumer.start();
    await().atMost(Duration.ofSeconds(40)).until(() -> seen.size() == 12);
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> committedSum() == 12);

    Map<MessageQueue, Long> table = admin.resetOffsetByTimestamp("ResetT", "reset-g", resetTo,
        true);

    assertThat(table.values().stream().mapToLong(Long::longValue).sum())
        .as("the late half remains after the timestamp: %s", table).isEqualTo(6);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        seen.entrySet().stream().filter(e -> e.getKey().startsWith("late-"))
            .allMatch(e -> e.getValue().get() == 2));
    assertThat(seen.entrySet().stream().filter(e -> e.getKey().startsWith("early-")))
        .as("messages before the timestamp are not consumed again")
        .allMatch(e -> e.getValue().get() == 1);
  }

  private long committedSum() throws Exception {
    return admin.examineConsumeStats("reset-g").getOffsetTable().values().stream()
        .mapToLong(o -> o.getConsumerOffset()).sum();
  }
}
