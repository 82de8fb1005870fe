package io.apogeemq.broker.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.support.EmbeddedNamesrv;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.broker.topic.TopicConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timer messages with the official 5.x client ({@code setDeliverTimeMs}, {@code setDelayTimeMs},
 * {@code setDelayTimeSec} exist only in 5.x, so this test is not in {@code compat}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TimerMessageIT {

  private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

  @TempDir Path dir;
  private EmbeddedNamesrv namesrv;
  private BrokerServer broker;
  private DefaultMQProducer producer;
  private DefaultMQPushConsumer consumer;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, MessageExt> seen = new ConcurrentHashMap<>();
  private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

  @BeforeAll
  static void localOffsetsInTarget() {
    System.setProperty("rocketmq.client.localOffsetStoreDir", "target/it-client-offsets");
  }

  @BeforeEach
  void start() throws Exception {
    namesrv = new EmbeddedNamesrv(dir.resolve("namesrv"));
    startBroker();
    broker.topics().put(TopicConfig.of("TimerT", 4));
    String addr = broker.endpoint().addr();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(namesrv.server().services().routes().route("TimerT")).hasValueSatisfying(r ->
            assertThat(r.brokerDatas().get(0).masterAddr()).isEqualTo(addr)));
    producer = configure(new DefaultMQProducer("timer-pg"));
    producer.setSendMsgTimeout(15_000); // the shared test machine can be very slow
    producer.start();
  }

  private void startBroker() throws Exception {
    Properties p = new Properties();
    p.setProperty("namesrvAddr", namesrv.addr());
    p.setProperty("timerMaxDelaySec", "60");
    broker = BrokerServer.create(TestBrokers.config(dir.resolve("broker"), p), Clock.systemUTC());
    broker.start();
  }

  private <T extends org.apache.rocketmq.client.ClientConfig> T configure(T c) {
    c.setNamesrvAddr(namesrv.addr());
    c.setHeartbeatBrokerInterval(2_000);
    c.setInstanceName("timer-it-" + IDS.incrementAndGet());
    c.setVipChannelEnabled(false);
    return c;
  }

  private void startConsumer(String group) throws Exception {
    consumer = configure(new DefaultMQPushConsumer(group));
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.subscribe("TimerT", "*");
    consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      long now = System.currentTimeMillis();
      for (MessageExt m : msgs) {
        String body = new String(m.getBody(), UTF_8);
        seen.putIfAbsent(body, m);
        receivedAt.putIfAbsent(body, now);
        counts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    consumer.start();
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
      try {
        if (broker != null) {
          broker.close();
        }
      } finally {
        namesrv.close();
      }
    }
  }

  private long totalStored() {
    long n = 0;
    for (int q = 0; q < 4; q++) {
      n += broker.store().maxOffset("TimerT", q);
    }
    return n;
  }

  @Test
  void aMessageWithADeliveryTime3200MsAheadIsStoredToItsTopicWithin100MsOfThatTime()
      throws Exception {
    startConsumer("timer-g");
    Message m = new Message("TimerT", "TagT", "at-time".getBytes(UTF_8));
    long deliverAt = System.currentTimeMillis() + 3_200;
    m.setDeliverTimeMs(deliverAt);
    assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    assertThat(totalStored()).as("parked, not in the topic yet").isZero();

    await().atMost(Duration.ofSeconds(20)).until(() -> seen.containsKey("at-time"));
    MessageExt got = seen.get("at-time");
    assertThat(got.getStoreTimestamp() - deliverAt).as("store time minus delivery time (ms)")
        .isBetween(0L, 99L);
    assertThat(receivedAt.get("at-time")).as("received no earlier than the delivery time")
        .isGreaterThanOrEqualTo(deliverAt);
    assertThat(got.getTags()).isEqualTo("TagT");
    assertThat(got.getProperty("TIMER_DELIVER_MS")).isNull();
    assertThat(got.getProperty("REAL_TOPIC")).isNull();
    assertThat(got.getProperty("TIMER_OUT_MS")).isEqualTo(Long.toString(deliverAt));
    Thread.sleep(1_000);
    assertThat(counts.get("at-time")).hasValue(1);
  }

  @Test
  void timerMessagesPendingAcrossABrokerRestartAreEachDeliveredExactlyOnce() throws Exception {
    Message early = new Message("TimerT", "early".getBytes(UTF_8));
    early.setDelayTimeMs(300);
    assertThat(producer.send(early).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    await().atMost(Duration.ofSeconds(20)).until(() -> totalStored() == 1);
    for (int i = 0; i < 10; i++) {
      Message m = new Message("TimerT", ("late-" + i).getBytes(UTF_8));
      if (i % 2 == 0) {
        m.setDelayTimeSec(4);
      } else {
        m.setDeliverTimeMs(System.currentTimeMillis() + 4_500);
      }
      assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }
    assertThat(totalStored()).isEqualTo(1);

    broker.close();
    startBroker();

    startConsumer("timer-r-g");
    await().atMost(Duration.ofSeconds(90)).until(() -> seen.size() == 11);
    Thread.sleep(2_000);
    assertThat(totalStored()).as("each stored once in its topic").isEqualTo(11);
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).hasValue(1));
  }

  /**
   * The official client has no cancel API: {@code putUserProperty} refuses the system key
   * {@code TIMER_DEL_UNIQKEY}, {@code MessageAccessor.putProperty} sets it.
   */
  private Message cancellation(String topic, String uniqKey, long deliverAt) {
    Message c = new Message(topic, "cancel".getBytes(UTF_8));
    assertThatThrownBy(() -> c.putUserProperty("TIMER_DEL_UNIQKEY", topic + "+" + uniqKey))
        .hasMessageContaining("used by system");
    MessageAccessor.putProperty(c, "TIMER_DEL_UNIQKEY", topic + "+" + uniqKey);
    c.setDeliverTimeMs(deliverAt);
    return c;
  }

  @Test
  void aCancellationDueInTheSameSlotDropsThePendingMessageAlsoAcrossARestart()
      throws Exception {
    long deliverAt = (System.currentTimeMillis() + 5_000) / 1000 * 1000 + 200;
    Map<String, String> ids = new ConcurrentHashMap<>();
    for (String name : new String[] {"keep", "drop", "drop-too"}) {
      Message m = new Message("TimerT", name.getBytes(UTF_8));
      m.setDeliverTimeMs(deliverAt);
      ids.put(name, producer.send(m).getMsgId());
    }
    for (String name : new String[] {"drop", "drop-too"}) {
      assertThat(producer.send(cancellation("TimerT", ids.get(name), deliverAt + 300))
          .getSendStatus()).as("another millisecond of the same 1 s slot")
          .isEqualTo(SendStatus.SEND_OK);
    }
    Message wrongTopic = cancellation("OtherT", ids.get("keep"), deliverAt);
    wrongTopic.setTopic("TimerT"); // the key names OtherT: cancels nothing here
    producer.send(wrongTopic);
    assertThatThrownBy(() -> producer.send(cancellation("TimerT", ids.get("keep"),
        System.currentTimeMillis() - 1)))
        .isInstanceOfSatisfying(MQBrokerException.class, e ->
            assertThat(e.getResponseCode()).isEqualTo(13));

    broker.close(); // markers and messages pending across a restart
    startBroker();

    startConsumer("timer-c-g");
    await().atMost(Duration.ofSeconds(60)).until(() -> seen.containsKey("keep"));
    Thread.sleep(2_000);
    assertThat(seen).containsOnlyKeys("keep");
    assertThat(totalStored()).as("only the message not cancelled reached the topic")
        .isEqualTo(1);
  }

  @Test
  void badTimerPropertiesAreRefusedWithAClearErrorAndTheBrokerKeepsServing() throws Exception {
    Message tooFar = new Message("TimerT", "far".getBytes(UTF_8));
    tooFar.setDelayTimeSec(61);
    assertThatThrownBy(() -> producer.send(tooFar))
        .isInstanceOfSatisfying(MQBrokerException.class, e -> {
          assertThat(e.getResponseCode()).isEqualTo(13);
          assertThat(e.getErrorMessage()).contains("timerMaxDelaySec=60");
        });
    Message negative = new Message("TimerT", "neg".getBytes(UTF_8));
    negative.setDelayTimeMs(-5);
    assertThatThrownBy(() -> producer.send(negative))
        .isInstanceOfSatisfying(MQBrokerException.class, e -> {
          assertThat(e.getResponseCode()).isEqualTo(13);
          assertThat(e.getErrorMessage()).contains("TIMER_DELAY_MS");
        });
    Message words = new Message("TimerT", "nan".getBytes(UTF_8));
    MessageAccessor.putProperty(words, "TIMER_DELIVER_MS", "tomorrow");
    assertThatThrownBy(() -> producer.send(words))
        .isInstanceOfSatisfying(MQBrokerException.class, e -> {
          assertThat(e.getResponseCode()).isEqualTo(13);
          assertThat(e.getErrorMessage()).contains("TIMER_DELIVER_MS='tomorrow'");
        });
    assertThat(producer.send(new Message("TimerT", "fine".getBytes(UTF_8))).getSendStatus())
        .isEqualTo(SendStatus.SEND_OK);
    await().atMost(Duration.ofSeconds(10)).until(() -> totalStored() == 1);
    Thread.sleep(500);
    assertThat(totalStored()).as("only the good message was stored").isEqualTo(1);
  }
}
