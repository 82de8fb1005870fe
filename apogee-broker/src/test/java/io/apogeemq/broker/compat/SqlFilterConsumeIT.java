package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL92 subscriptions ({@code MessageSelector.bySql}) of the official push consumer (whichever
 * version is on the test class path) against an Apogee broker: each expression of a table
 * receives exactly the messages whose properties match it, including messages that lack the
 * property; a malformed expression, or a broker with {@code enablePropertyFilter=false}, makes
 * {@code start()} fail with a readable message.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqlFilterConsumeIT {

  private static final String TOPIC = "SqlT";

  /** The messages: property maps (absent keys are absent properties); index = message id. */
  private static final List<Map<String, String>> MESSAGES = List.of(
      props("TagA", "a", "1", "b", "x"),
      props("TagB", "a", "5", "b", "y"),
      props("TagA", "a", "10"),
      props(null, "b", "x"),
      props("TagC", "a", "abc", "b", "xyz"),
      props(null, "a", "7", "b", "yes"),
      props("TagB", "a", "-3", "b", "it's"));

  /** Expression -> the indexes of the messages it must select, and nothing else. */
  private static final Map<String, Set<Integer>> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put("a > 4", Set.of(1, 2, 5));
    TABLE.put("a BETWEEN 1 AND 5", Set.of(0, 1));
    TABLE.put("b IN ('x', 'y')", Set.of(0, 1, 3));
    TABLE.put("b IS NULL", Set.of(2));
    TABLE.put("NOT (b = 'x')", Set.of(1, 4, 5, 6));
    TABLE.put("TAGS = 'TagA' AND a >= 1", Set.of(0, 2));
    TABLE.put("b STARTSWITH 'x' OR a < 0", Set.of(0, 3, 4, 6));
    TABLE.put("b = 'it''s' OR (b NOT CONTAINS 'e' AND a IS NULL)", Set.of(3, 6));
  }

  @TempDir Path dir;
  private ConsumeCluster cluster;
  private DefaultMQProducer producer;
  private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

  @BeforeAll
  static void localOffsetsInTarget() {
    System.setProperty("rocketmq.client.localOffsetStoreDir", "target/it-client-offsets");
  }

  @AfterEach
  void stop() {
    try {
      consumers.forEach(DefaultMQPushConsumer::shutdown);
      if (producer != null) {
        producer.shutdown();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void eachSqlSubscriptionReceivesExactlyTheMatchingMessagesAlsoAfterABrokerRestart()
      throws Exception {
    startCluster(true);
    Map<String, Set<Integer>> received = new ConcurrentHashMap<>();
    int g = 0;
    for (String expression : TABLE.keySet()) {
      Set<Integer> got = ConcurrentHashMap.newKeySet();
      received.put(expression, got);
      started(consumer("sql-g" + g++, MessageSelector.bySql(expression), got));
    }
    send(0);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(received).isEqualTo(expected(0)));

    cluster.restartBroker();
    // The restarted broker listens on a new port: a fresh producer learns it at once (the
    // consumers poll the NameServer every second).
    producer.shutdown();
    startProducer();
    send(MESSAGES.size());
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(received).isEqualTo(expected(MESSAGES.size())));
    // Nothing else arrives later (non-matching messages were filtered, not just slow).
    Thread.sleep(1_500);
    assertThat(received).isEqualTo(expected(MESSAGES.size()));
  }

  @Test
  void aMalformedExpressionFailsStartWithTheBrokersExplanation() throws Exception {
    startCluster(true);
    DefaultMQPushConsumer c = consumer("sql-bad", MessageSelector.bySql("a > 'x'"),
        ConcurrentHashMap.newKeySet());
    consumers.add(c);
    assertThatThrownBy(c::start)
        .hasMessageContaining("does not compile")
        .hasMessageContaining("only numbers are ordered");
    DefaultMQPushConsumer c2 = consumer("sql-bad2", MessageSelector.bySql("a = 1 AND"),
        ConcurrentHashMap.newKeySet());
    consumers.add(c2);
    assertThatThrownBy(c2::start).hasMessageContaining("expected a property or a value");
  }

  @Test
  void aBrokerWithoutEnablePropertyFilterRefusesSqlSubscriptions() throws Exception {
    startCluster(false);
    DefaultMQPushConsumer c = consumer("sql-off", MessageSelector.bySql("a > 1"),
        ConcurrentHashMap.newKeySet());
    consumers.add(c);
    assertThatThrownBy(c::start).hasMessageContaining("enablePropertyFilter=false");
  }

  private void startCluster(boolean enablePropertyFilter) throws Exception {
    Properties p = new Properties();
    p.setProperty("enablePropertyFilter", Boolean.toString(enablePropertyFilter));
    cluster = new ConsumeCluster(dir, p);
    cluster.createTopic(TOPIC, 2);
    startProducer();
  }

  private void startProducer() throws Exception {
    producer = cluster.configure(new DefaultMQProducer("sql-pg"));
    producer.setSendMsgTimeout(10_000);
    producer.start();
  }

  private DefaultMQPushConsumer consumer(String group, MessageSelector selector, Set<Integer> got)
      throws Exception {
    DefaultMQPushConsumer c = cluster.configure(new DefaultMQPushConsumer(group));
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.setPollNameServerInterval(1_000);
    c.subscribe(TOPIC, selector);
    c.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
      msgs.forEach(m -> got.add(Integer.parseInt(new String(m.getBody(),
          StandardCharsets.UTF_8))));
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    return c;
  }

  private void started(DefaultMQPushConsumer c) throws Exception {
    consumers.add(c);
    c.start();
  }

  /** Sends every message of the table once; bodies are {@code base + index}. */
  private void send(int base) throws Exception {
    for (int i = 0; i < MESSAGES.size(); i++) {
      Map<String, String> props = MESSAGES.get(i);
      Message m = new Message(TOPIC, Integer.toString(base + i).getBytes(StandardCharsets.UTF_8));
      props.forEach((k, v) -> {
        if (k.equals("TAGS")) {
          m.setTags(v);
        } else {
          m.putUserProperty(k, v);
        }
      });
      assertThat(producer.send(m).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }
  }

  /** What every expression must have received after the rounds up to {@code lastBase}. */
  private static Map<String, Set<Integer>> expected(int lastBase) {
    Map<String, Set<Integer>> out = new LinkedHashMap<>();
    TABLE.forEach((expression, indexes) -> {
      Set<Integer> ids = new TreeSet<>();
      for (int base = 0; base <= lastBase; base += MESSAGES.size()) {
        for (int i : indexes) {
          ids.add(base + i);
        }
      }
      out.put(expression, ids);
    });
    return out;
  }

  private static Map<String, String> props(String tag, String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    if (tag != null) {
      m.put("TAGS", tag);
    }
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
