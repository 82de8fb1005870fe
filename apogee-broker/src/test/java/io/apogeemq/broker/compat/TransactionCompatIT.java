package io.apogeemq.broker.compat;

import static io.apogeemq.broker.compat.OfficialClients.pushConsumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.compat.OfficialClients.Received;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.TagFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional messages with the official {@code TransactionMQProducer} (4.9.8 and 5.3.3): commit,
 * rollback, resolution by check-back, discard after the maximum checks, and a broker restart with
 * a transaction pending. The broker checks every 500 ms, at most 3 times, after 1 s.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TransactionCompatIT {

  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path dir;

  private static Properties fastChecks() {
    Properties p = new Properties();
    p.setProperty("transactionCheckInterval", "500");
    p.setProperty("transactionTimeOut", "1000");
    p.setProperty("transactionCheckMax", "3");
    return p;
  }

  /** Local transactions decided by the body's prefix; checks answered by {@code check}. */
  private static TransactionMQProducer producer(ConsumeCluster cluster, String group,
      Function<MessageExt, LocalTransactionState> check) throws Exception {
    TransactionMQProducer p = cluster.configure(new TransactionMQProducer(group));
    p.setPollNameServerInterval(500);
    p.setTransactionListener(new TransactionListener() {
      @Override
      public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
        String body = new String(msg.getBody(), StandardCharsets.UTF_8);
        if (body.startsWith("commit")) {
          return LocalTransactionState.COMMIT_MESSAGE;
        }
        if (body.startsWith("rollback")) {
          return LocalTransactionState.ROLLBACK_MESSAGE;
        }
        return LocalTransactionState.UNKNOW;
      }

      @Override
      public LocalTransactionState checkLocalTransaction(MessageExt msg) {
        return check.apply(msg);
      }
    });
    p.start();
    return p;
  }

  private static TransactionSendResult send(TransactionMQProducer p, String topic, String body)
      throws Exception {
    TransactionSendResult r = p.sendMessageInTransaction(
        new Message(topic, "tx", body.getBytes(StandardCharsets.UTF_8)), null);
    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    assertThat(r.getTransactionId()).isNotBlank();
    return r;
  }

  /**
   * A committed transaction, then one heartbeat period: the producer only heartbeats to brokers it
   * has a route to, and the broker can only check producers that heartbeat to it.
   */
  private static void warmUp(TransactionMQProducer p, String topic) throws Exception {
    send(p, topic, "commit-warm-up");
    Thread.sleep(2_500);
  }

  /** Bodies of every message stored in {@code topic}, read from the broker's store. */
  private static List<String> stored(BrokerServer broker, String topic) {
    var store = broker.store();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> store.dispatchedOffset() >= store.commitLogMaxOffset());
    List<String> out = new ArrayList<>();
    TopicConfig tc = broker.topics().get(topic);
    for (int q = 0; tc != null && q < tc.queueCount(); q++) {
      try (GetResult r = store.getMessages(topic, q, 0, 1000, 64 << 20, TagFilter.ALL)) {
        if (r.status() == GetStatus.FOUND) {
          r.messages().forEach(s -> {
            MessageRecord m = MessageRecordCodec.decode(s.buffer().duplicate(), true);
            out.add(new String(m.body(), StandardCharsets.UTF_8));
          });
        }
      }
    }
    return out;
  }

  @Test
  void commitIsDeliveredOnceRollbackNeverAndUnknownWaitsInvisibleUntilTheCheckCommits()
      throws Exception {
    Properties p = fastChecks();
    p.setProperty("transactionCheckMax", "20");
    try (ConsumeCluster cluster = new ConsumeCluster(dir, p)) {
      cluster.createTopic("TxT", 2);
      AtomicBoolean decided = new AtomicBoolean();
      Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
      TransactionMQProducer producer = producer(cluster, "tx-pg", m -> {
        checks.computeIfAbsent(new String(m.getBody(), StandardCharsets.UTF_8),
            b -> new AtomicInteger()).incrementAndGet();
        return decided.get() ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.UNKNOW;
      });
      Received received = new Received();
      DefaultMQPushConsumer consumer = pushConsumer(cluster, "tx-cg", "TxT", "*", received);
      try {
        consumer.start();
        send(producer, "TxT", "commit-1");
        send(producer, "TxT", "rollback-1");
        TransactionSendResult unknown = send(producer, "TxT", "unknown-1");
        assertThat(unknown.getLocalTransactionState()).isEqualTo(LocalTransactionState.UNKNOW);

        await().atMost(WAIT).until(() -> received.counts.containsKey("commit-1"));
        // Checked (so at least 1 s old), still undecided: nowhere to be seen in the real topic.
        await().atMost(WAIT).until(() -> checks.containsKey("unknown-1"));
        assertThat(stored(cluster.broker(), "TxT")).containsExactly("commit-1");
        assertThat(received.counts).containsOnlyKeys("commit-1");

        decided.set(true);
        await().atMost(WAIT).until(() -> received.counts.containsKey("unknown-1"));
        Thread.sleep(1500); // further check rounds and late answers must change nothing
        assertThat(received.counts.get("commit-1")).hasValue(1);
        assertThat(received.counts.get("unknown-1")).hasValue(1);
        assertThat(received.counts).doesNotContainKey("rollback-1");
        assertThat(stored(cluster.broker(), "TxT"))
            .containsExactlyInAnyOrder("commit-1", "unknown-1");
        assertThat(checks).doesNotContainKeys("commit-1", "rollback-1");
      } finally {
        consumer.shutdown();
        producer.shutdown();
      }
    }
  }

  @Test
  void aProducerThatNeverAnswersIsCheckedTheMaximumTimesThenTheMessageIsDiscarded()
      throws Exception {
    try (ConsumeCluster cluster = new ConsumeCluster(dir, fastChecks())) {
      cluster.createTopic("TxNever", 1);
      AtomicInteger checks = new AtomicInteger();
      TransactionMQProducer producer = producer(cluster, "tx-never-pg", m -> {
        checks.incrementAndGet();
        return LocalTransactionState.UNKNOW;
      });
      try {
        warmUp(producer, "TxNever");
        send(producer, "TxNever", "never-1");
        await().atMost(WAIT).until(() ->
            stored(cluster.broker(), NameRules.TRANS_CHECK_MAX_TIME_TOPIC).contains("never-1"));
        Thread.sleep(1500);
        assertThat(checks.get()).isEqualTo(3);
        assertThat(stored(cluster.broker(), "TxNever")).containsExactly("commit-warm-up");
      } finally {
        producer.shutdown();
      }
    }
  }

  @Test
  void aTransactionPendingAcrossABrokerRestartIsStillCheckedAndCommittedOnesAreNotRepeated()
      throws Exception {
    Properties p = fastChecks();
    p.setProperty("transactionCheckMax", "1000");
    try (ConsumeCluster cluster = new ConsumeCluster(dir, p)) {
      cluster.createTopic("TxRestart", 2);
      AtomicBoolean decided = new AtomicBoolean();
      AtomicInteger checks = new AtomicInteger();
      TransactionMQProducer producer = producer(cluster, "tx-restart-pg", m -> {
        checks.incrementAndGet();
        return decided.get() ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.UNKNOW;
      });
      try {
        warmUp(producer, "TxRestart");
        send(producer, "TxRestart", "commit-before");
        send(producer, "TxRestart", "pending");
        await().atMost(WAIT).until(() -> checks.get() >= 1);

        cluster.restartBroker();
        cluster.createTopic("TxRestart", 2);
        int before = checks.get();
        await().atMost(WAIT).until(() -> checks.get() > before); // checked after the restart
        decided.set(true);
        await().atMost(WAIT).until(() ->
            stored(cluster.broker(), "TxRestart").contains("pending"));
        Thread.sleep(1500);
        assertThat(stored(cluster.broker(), "TxRestart"))
            .containsExactlyInAnyOrder("commit-warm-up", "commit-before", "pending");

        Received received = new Received();
        DefaultMQPushConsumer consumer = pushConsumer(cluster, "tx-restart-cg", "TxRestart", "*",
            received);
        try {
          consumer.start();
          await().atMost(WAIT).until(() -> received.total() >= 3);
          Thread.sleep(500);
          assertThat(received.counts).containsOnlyKeys("commit-warm-up", "commit-before",
              "pending");
          assertThat(received.total()).isEqualTo(3);
        } finally {
          consumer.shutdown();
        }
      } finally {
        producer.shutdown();
      }
    }
  }
}
