package io.apogeemq.springit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
import org.apache.rocketmq.spring.support.RocketMQHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The official {@code rocketmq-spring-boot-starter} used unchanged against an embedded Apogee
 * NameServer + broker: a Spring Boot application context sends with {@code RocketMQTemplate}
 * ({@code syncSend} with a key header, {@code asyncSend}) and receives with two
 * {@code @RocketMQMessageListener} beans, then shuts down cleanly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpringStarterIT {

  private EmbeddedApogee apogee;
  private ConfigurableApplicationContext context;

  @BeforeEach
  void start() throws Exception {
    apogee = EmbeddedApogee.start(List.of(SpringStarterApp.TOPIC));
    context = new SpringApplicationBuilder(SpringStarterApp.class)
        .web(WebApplicationType.NONE)
        .properties(
            "rocketmq.name-server=" + apogee.namesrvAddr(),
            "rocketmq.producer.group=spring-it-producer",
            "rocketmq.producer.send-message-timeout=10000",
            "spring.main.banner-mode=off")
        .run();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (context != null) {
        context.close();
      }
    } finally {
      apogee.close();
    }
  }

  @Test
  void templateSendsSyncAndAsyncAndBothListenersReceiveEveryMessage() throws Exception {
    RocketMQTemplate template = context.getBean(RocketMQTemplate.class);
    Map<String, String> sentPayloadByMsgId = new ConcurrentHashMap<>();

    for (int i = 0; i < 5; i++) {
      SendResult r = template.syncSend(SpringStarterApp.TOPIC + ":TagA",
          MessageBuilder.withPayload("sync-" + i).setHeader(RocketMQHeaders.KEYS, "key-" + i)
              .build());
      assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      assertThat(r.getMessageQueue().getBrokerName()).isEqualTo("broker-spring");
      sentPayloadByMsgId.put(r.getMsgId(), "sync-" + i);
    }
    CountDownLatch acked = new CountDownLatch(5);
    Set<Throwable> failures = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 5; i++) {
      String payload = "async-" + i;
      template.asyncSend(SpringStarterApp.TOPIC + ":TagB", payload, new SendCallback() {
        @Override
        public void onSuccess(SendResult r) {
          if (r.getSendStatus() == SendStatus.SEND_OK) {
            sentPayloadByMsgId.put(r.getMsgId(), payload);
          } else {
            failures.add(new AssertionError(payload + " sent with " + r.getSendStatus()));
          }
          acked.countDown();
        }

        @Override
        public void onException(Throwable e) {
          failures.add(e);
          acked.countDown();
        }
      });
    }
    assertThat(acked.await(30, TimeUnit.SECONDS)).as("async send callbacks").isTrue();
    assertThat(failures).isEmpty();
    assertThat(sentPayloadByMsgId).hasSize(10);

    SpringStarterApp.StringListener strings = context.getBean(
        SpringStarterApp.StringListener.class);
    SpringStarterApp.MessageExtListener exts = context.getBean(
        SpringStarterApp.MessageExtListener.class);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      assertThat(strings.payloads).containsExactlyInAnyOrderElementsOf(
          new HashSet<>(sentPayloadByMsgId.values()));
      assertThat(exts.byMsgId.keySet()).containsExactlyInAnyOrderElementsOf(
          sentPayloadByMsgId.keySet());
    });
    for (Map.Entry<String, MessageExt> e : exts.byMsgId.entrySet()) {
      MessageExt m = e.getValue();
      String payload = new String(m.getBody(), StandardCharsets.UTF_8);
      assertThat(payload).isEqualTo(sentPayloadByMsgId.get(e.getKey()));
      assertThat(m.getTopic()).isEqualTo(SpringStarterApp.TOPIC);
      if (payload.startsWith("sync-")) {
        assertThat(m.getTags()).isEqualTo("TagA");
        assertThat(m.getKeys()).isEqualTo("key-" + payload.substring("sync-".length()));
      } else {
        assertThat(m.getTags()).isEqualTo("TagB");
      }
    }
  }
}
