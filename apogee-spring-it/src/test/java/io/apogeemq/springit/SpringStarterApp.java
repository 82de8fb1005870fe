package io.apogeemq.springit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQPushConsumerLifecycleListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application under test: the starter's auto-configuration (a
 * {@code RocketMQTemplate} from {@code rocketmq.name-server} / {@code rocketmq.producer.group})
 * and two {@code @RocketMQMessageListener} beans in two consumer groups on the same topic, so
 * each group receives every message: one takes the payload as a {@code String}, the other the
 * whole {@code MessageExt}. Both start from the first offset, so nothing sent before their first
 * rebalance is skipped.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SpringStarterApp {

  static final String TOPIC = "SpringTopic";

  @Bean
  StringListener stringListener() {
    return new StringListener();
  }

  @Bean
  MessageExtListener messageExtListener() {
    return new MessageExtListener();
  }

  /** Receives payloads as strings; thread-safe (the consumer calls it from its pool). */
  @RocketMQMessageListener(topic = TOPIC, consumerGroup = "spring-it-strings")
  static final class StringListener implements RocketMQListener<String>,
      RocketMQPushConsumerLifecycleListener {

    final Set<String> payloads = ConcurrentHashMap.newKeySet();

    @Override
    public void onMessage(String message) {
      payloads.add(message);
    }

    @Override
    public void prepareStart(DefaultMQPushConsumer consumer) {
      consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    }
  }

  /** Receives whole messages, keyed by message id; thread-safe. */
  @RocketMQMessageListener(topic = TOPIC, consumerGroup = "spring-it-ext",
      selectorExpression = "TagA || TagB")
  static final class MessageExtListener implements RocketMQListener<MessageExt>,
      RocketMQPushConsumerLifecycleListener {

    final Map<String, MessageExt> byMsgId = new ConcurrentHashMap<>();

    @Override
    public void onMessage(MessageExt message) {
      byMsgId.put(message.getMsgId(), message);
    }

    @Override
    public void prepareStart(DefaultMQPushConsumer consumer) {
      consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    }
  }
}
