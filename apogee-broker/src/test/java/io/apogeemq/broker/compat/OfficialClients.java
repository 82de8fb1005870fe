package io.apogeemq.broker.compat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * Helpers over the official client's user API that compile against both 4.9.x and 5.x (the
 * {@code MessageModel} enum moved packages between them, so it is set by name).
 */
final class OfficialClients {

  private OfficialClients() {}

  /** Counts of consumed message bodies, shared by listeners of one test. */
  static final class Received {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    final Map<String, String> tags = new ConcurrentHashMap<>();

    MessageListenerConcurrently listener() {
      return (msgs, context) -> {
        msgs.forEach(m -> {
          String body = new String(m.getBody(), StandardCharsets.UTF_8);
          counts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
          if (m.getTags() != null) {
            tags.put(body, m.getTags());
          }
        });
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
      };
    }

    int distinct() {
      return counts.size();
    }

    int total() {
      return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  static DefaultMQPushConsumer pushConsumer(ConsumeCluster cluster, String group, String topic,
      String expression, Received received) throws Exception {
    DefaultMQPushConsumer c = cluster.configure(new DefaultMQPushConsumer(group));
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.subscribe(topic, expression);
    c.registerMessageListener(received.listener());
    return c;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void broadcasting(DefaultMQPushConsumer consumer) throws ReflectiveOperationException {
    Class model = consumer.getMessageModel().getClass();
    Object value = Enum.valueOf(model, "BROADCASTING");
    DefaultMQPushConsumer.class.getMethod("setMessageModel", model).invoke(consumer, value);
  }

  /** Queues of {@code topic} currently assigned to the consumer by its rebalance. */
  static long assignedQueues(DefaultMQPushConsumer consumer, String topic) {
    return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
        .keySet().stream().filter(mq -> mq.getTopic().equals(topic)).count();
  }
}
