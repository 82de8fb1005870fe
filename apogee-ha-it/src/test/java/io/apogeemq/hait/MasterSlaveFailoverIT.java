package io.apogeemq.hait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.LocalMessageStore;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.file.SegmentSlice;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Master/slave replication with broker processes killed and restarted under load, driven by the
 * official 5.x client (storage.md §15–16; issue #9 "how it is checked").
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MasterSlaveFailoverIT {

  private static final Logger LOG = LoggerFactory.getLogger(MasterSlaveFailoverIT.class);

  private HaCluster cluster;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    cluster = new HaCluster();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
    cluster.close();
  }

  private DefaultMQProducer producer(String group) throws Exception {
    DefaultMQProducer p = new DefaultMQProducer(group);
    p.setNamesrvAddr(cluster.namesrvAddr());
    p.setInstanceName(group + System.nanoTime());
    p.setPollNameServerInterval(500);
    p.setSendMsgTimeout(3000);
    p.setRetryTimesWhenSendFailed(3);
    p.setSendLatencyFaultEnable(true);
    p.setRetryAnotherBrokerWhenNotStoreOK(false);
    p.start();
    clients.add(p::shutdown);
    return p;
  }

  private void awaitSlaveConnected(String masterId) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> "1".equals(cluster.runtime(masterId).get("haConnectedSlaves")));
  }

  private void awaitRoute(String topic, int brokers) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions().until(() -> cluster.admin().examineTopicRouteInfo(topic)
            .getQueueDatas().size() == brokers);
  }

  /** Sync sends in a loop on one thread, remembering which broker acknowledged each body. */
  private static final class Sender implements AutoCloseable {
    final Map<String, String> acked = new ConcurrentHashMap<>();
    final Map<SendStatus, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> ackedAfterMark = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicBoolean mark = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    Sender(DefaultMQProducer producer, String topic, String prefix) {
      thread = new Thread(() -> {
        for (int i = 0; !stop.get(); i++) {
          String body = prefix + i;
          try {
            SendResult r = producer.send(new Message(topic, "T",
                body.getBytes(StandardCharsets.UTF_8)));
            statuses.computeIfAbsent(r.getSendStatus(), s -> new AtomicInteger())
                .incrementAndGet();
            if (r.getSendStatus() == SendStatus.SEND_OK) {
              String broker = r.getMessageQueue().getBrokerName();
              acked.put(body, broker);
              if (mark.get()) {
                ackedAfterMark.computeIfAbsent(broker, b -> new AtomicLong()).incrementAndGet();
              }
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      }, "ha-it-sender-" + prefix);
      thread.start();
    }

    long ackedBy(String broker) {
      return acked.values().stream().filter(broker::equals).count();
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join(30_000);
    }
  }

  @Test
  void syncMasterKilledDuringSyncSendsLosesNoAcknowledgedMessageAndServesAgainOnReturn()
      throws Exception {
    cluster.define("a-m", "broker-a", Map.of("brokerRole", "SYNC_MASTER"));
    cluster.define("a-s", "broker-a", Map.of("brokerRole", "SLAVE", "brokerId", "1"));
    cluster.define("b-m", "broker-b", Map.of("brokerRole", "SYNC_MASTER"));
    cluster.define("b-s", "broker-b", Map.of("brokerRole", "SLAVE", "brokerId", "1"));
    cluster.start("a-m");
    cluster.start("b-m");
    cluster.start("a-s");
    cluster.start("b-s");
    awaitSlaveConnected("a-m");
    awaitSlaveConnected("b-m");

    DefaultMQProducer producer = producer("ha-kill-producer");
    producer.createTopic("TBW102", "HaKill", 4, null);
    awaitRoute("HaKill", 2);

    Map<String, AtomicInteger> consumed = new ConcurrentHashMap<>();
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("ha-kill-consumer");
    consumer.setNamesrvAddr(cluster.namesrvAddr());
    consumer.setInstanceName("ha-kill-consumer-" + System.nanoTime());
    consumer.setPollNameServerInterval(500);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.subscribe("HaKill", "*");
    consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(m -> consumed.computeIfAbsent(new String(m.getBody(), StandardCharsets.UTF_8),
          b -> new AtomicInteger()).incrementAndGet());
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    consumer.start();
    clients.add(0, consumer::shutdown);

    Sender sender = new Sender(producer, "HaKill", "k-");
    try {
      await().atMost(Duration.ofSeconds(40)).until(() -> sender.ackedBy("broker-a") >= 200
          && sender.ackedBy("broker-b") >= 200);
      cluster.kill("a-m");
      sender.mark.set(true);
      await().atMost(Duration.ofSeconds(40)).until(() ->
          sender.ackedAfterMark.getOrDefault("broker-b", new AtomicLong()).get() >= 300);
    } finally {
      sender.close();
    }
    LOG.info("Sends: {} (failures {}), acknowledged by broker-a {} broker-b {}", sender.statuses,
        sender.failures, sender.ackedBy("broker-a"), sender.ackedBy("broker-b"));
    assertThat(sender.statuses.keySet()).containsOnly(SendStatus.SEND_OK);

    // Every acknowledged message is consumed, broker-a's from its slave only.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(consumed.keySet()).containsAll(sender.acked.keySet()));

    // The master returns and takes writes (and its slave) again.
    cluster.start("a-m");
    awaitSlaveConnected("a-m");
    Sender again = new Sender(producer, "HaKill", "r-");
    try {
      await().atMost(Duration.ofSeconds(40)).until(() -> again.ackedBy("broker-a") >= 50);
    } finally {
      again.close();
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(consumed.keySet()).containsAll(again.acked.keySet()));
    long twice = consumed.values().stream().filter(c -> c.get() > 1).count();
    LOG.info("Consumed {} distinct bodies, {} more than once", consumed.size(), twice);
    // at-least-once: redeliveries come only from offsets not yet committed when the master died
    assertThat(twice).isLessThan(consumed.size() / 2);
  }

  @Test
  void slaveKilledAndRestartedDuringSendsCatchesUpWithIdenticalConsumeQueues() throws Exception {
    cluster.define("a-m", "broker-a", Map.of("brokerRole", "SYNC_MASTER"));
    cluster.define("a-s", "broker-a", Map.of("brokerRole", "SLAVE", "brokerId", "1"));
    cluster.start("a-m");
    cluster.start("a-s");
    awaitSlaveConnected("a-m");
    DefaultMQProducer producer = producer("ha-slave-producer");
    producer.createTopic("TBW102", "HaSlave", 4, null);
    awaitRoute("HaSlave", 1);

    Sender sender = new Sender(producer, "HaSlave", "s-");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> sender.acked.size() >= 300);
      cluster.kill("a-s");
      int before = sender.acked.size();
      await().atMost(Duration.ofSeconds(30)).until(() -> sender.statuses
          .getOrDefault(SendStatus.SLAVE_NOT_AVAILABLE, new AtomicInteger()).get() >= 100);
      cluster.start("a-s");
      awaitSlaveConnected("a-m");
      await().atMost(Duration.ofSeconds(30)).until(() -> sender.acked.size() >= before + 300);
    } finally {
      sender.close();
    }
    LOG.info("Sends while the slave was away and back: {}", sender.statuses);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> "0".equals(cluster.runtime("a-m").get("haSlaveBehindBytes")));
    cluster.stop("a-s");
    cluster.stop("a-m");

    try (MessageStore master = open("a-m"); MessageStore slave = open("a-s")) {
      assertThat(slave.commitLogMaxOffset()).isEqualTo(master.commitLogMaxOffset());
      long total = 0;
      for (int q = 0; q < 4; q++) {
        List<String> m = queue(master, "HaSlave", q);
        assertThat(queue(slave, "HaSlave", q)).as("queue %d", q).isEqualTo(m);
        total += m.size();
      }
      int answered = sender.statuses.values().stream().mapToInt(AtomicInteger::get).sum();
      assertThat(total).isBetween((long) answered, (long) answered + sender.failures.get());
    }
  }

  @Test
  void asyncMasterReportsReplicationLagThatClosesAfterLoadStops() throws Exception {
    cluster.define("a-m", "broker-a", Map.of("brokerRole", "ASYNC_MASTER",
        "haHousekeepingInterval", "20000"));
    cluster.define("a-s", "broker-a", Map.of("brokerRole", "SLAVE", "brokerId", "1",
        "haHousekeepingInterval", "20000"));
    cluster.start("a-m");
    cluster.start("a-s");
    awaitSlaveConnected("a-m");
    DefaultMQProducer producer = producer("ha-lag-producer");
    producer.createTopic("TBW102", "HaLag", 4, null);
    awaitRoute("HaLag", 1);

    cluster.signal("a-s", "STOP");
    try {
      for (int i = 0; i < 300; i++) {
        assertThat(producer.send(new Message("HaLag", "T", new byte[2048])).getSendStatus())
            .isEqualTo(SendStatus.SEND_OK);
      }
      Thread.sleep(300);
      Map<String, String> lagging = cluster.runtime("a-m");
      LOG.info("Master status with a frozen slave: {}", lagging);
      assertThat(Long.parseLong(lagging.get("haSlaveBehindBytes"))).isPositive();
      assertThat(Long.parseLong(lagging.get("haSlaveBehindMillis"))).isPositive();
    } finally {
      cluster.signal("a-s", "CONT");
    }
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions().untilAsserted(() -> {
          Map<String, String> t = cluster.runtime("a-m");
          assertThat(t).containsEntry("haSlaveBehindBytes", "0")
              .containsEntry("haSlaveBehindMillis", "0");
        });
    Map<String, String> slave = cluster.runtime("a-s");
    assertThat(slave).containsEntry("brokerRole", "SLAVE")
        .containsEntry("haMasterConnected", "true");
  }

  private MessageStore open(String id) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(cluster.broker(id).dir().resolve("broker.conf"))));
    return LocalMessageStore.open(BrokerConfig.fromProperties(p, w -> { }).store());
  }

  private static List<String> queue(MessageStore store, String topic, int queueId) {
    List<String> out = new ArrayList<>();
    long offset = 0;
    while (true) {
      try (GetResult r = store.getMessages(topic, queueId, offset, 32, 1 << 20, TagFilter.ALL)) {
        if (r.status() != GetStatus.FOUND) {
          return out;
        }
        for (SegmentSlice s : r.messages()) {
          byte[] b = new byte[s.buffer().remaining()];
          s.buffer().duplicate().get(b);
          out.add(s.offset() + ":" + b.length + ":" + Arrays.hashCode(b));
        }
        offset = r.nextBeginOffset();
      }
    }
  }
}
