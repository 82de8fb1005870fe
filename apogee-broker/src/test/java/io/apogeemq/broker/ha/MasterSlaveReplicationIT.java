package io.apogeemq.broker.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.support.EmbeddedNamesrv;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.file.SegmentSlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A master and a slave of one broker group in this JVM, registered with an embedded NameServer,
 * driven by the official 5.x client. (The process-kill scenarios are in {@code apogee-ha-it}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MasterSlaveReplicationIT {

  private Path dir;
  private EmbeddedNamesrv namesrv;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("apogee-ha-it");
    namesrv = new EmbeddedNamesrv(dir.resolve("namesrv"));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    namesrv.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private BrokerServer broker(String name, Properties extra) throws Exception {
    Properties p = new Properties();
    p.setProperty("brokerName", "broker-ha");
    p.setProperty("namesrvAddr", namesrv.addr());
    p.setProperty("haSendHeartbeatInterval", "200");
    p.setProperty("haHousekeepingInterval", "5000");
    p.setProperty("haReconnectInterval", "200");
    p.setProperty("slaveSyncMetadataInterval", "300");
    p.putAll(extra);
    BrokerServer b = BrokerServer.create(TestBrokers.config(dir.resolve(name), p),
        Clock.systemUTC());
    b.start();
    open.add(b);
    return b;
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private DefaultMQProducer producer(String group) throws Exception {
    DefaultMQProducer producer = new DefaultMQProducer(group);
    producer.setNamesrvAddr(namesrv.addr());
    producer.setSendMsgTimeout(10_000);
    producer.setRetryAnotherBrokerWhenNotStoreOK(false);
    producer.start();
    open.add(producer::shutdown);
    return producer;
  }

  private static Message message(String topic, int i) {
    return new Message(topic, "TagA", ("ha-" + i).getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitSlaveConnected(BrokerServer master) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> "1".equals(master.ha().runtimeInfo().get("haConnectedSlaves")));
  }

  @Test
  void syncMasterSendsAreOnTheSlaveWithIdenticalConsumeQueuesAndTopics() throws Exception {
    BrokerServer master = broker("master", props("brokerRole", "SYNC_MASTER"));
    BrokerServer slave = broker("slave", props("brokerRole", "SLAVE", "brokerId", "1"));
    awaitSlaveConnected(master);
    DefaultMQProducer producer = producer("ha-producer");
    producer.createTopic("TBW102", "HaSync", 4, null);
    for (int i = 0; i < 300; i++) {
      SendResult r = producer.send(message("HaSync", i));
      assertThat(r.getSendStatus()).as("send %d", i).isEqualTo(SendStatus.SEND_OK);
    }
    MessageStore m = master.store();
    MessageStore s = slave.store();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> s.dispatchedOffset() >= m.commitLogMaxOffset());
    assertThat(s.commitLogMaxOffset()).isEqualTo(m.commitLogMaxOffset());
    for (int q = 0; q < 4; q++) {
      assertThat(s.maxOffset("HaSync", q)).isEqualTo(m.maxOffset("HaSync", q));
      assertThat(queueContent(s, "HaSync", q)).isEqualTo(queueContent(m, "HaSync", q));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> slave.topics().get("HaSync") != null);
    assertThat(slave.topics().get("HaSync").readQueueNums())
        .isEqualTo(master.topics().get("HaSync").readQueueNums());
    Map<String, String> info = master.ha().runtimeInfo();
    assertThat(info).containsEntry("brokerRole", "SYNC_MASTER").containsKey("haSlaveBehindBytes");
    assertThat(slave.ha().runtimeInfo()).containsEntry("haMasterConnected", "true");
  }

  @Test
  void syncMasterWithoutSlaveStoresButAnswersSlaveNotAvailable() throws Exception {
    broker("master", props("brokerRole", "SYNC_MASTER"));
    DefaultMQProducer producer = producer("ha-producer-alone");
    producer.createTopic("TBW102", "HaAlone", 4, null);
    SendResult r = producer.send(message("HaAlone", 0));
    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SLAVE_NOT_AVAILABLE);
  }

  @Test
  void slaveCatchesUpFromAnAsyncMasterAndReportsNoLagAfterwards() throws Exception {
    BrokerServer master = broker("master", props("brokerRole", "ASYNC_MASTER"));
    DefaultMQProducer producer = producer("ha-producer-async");
    producer.createTopic("TBW102", "HaAsync", 4, null);
    for (int i = 0; i < 200; i++) {
      assertThat(producer.send(message("HaAsync", i)).getSendStatus())
          .isEqualTo(SendStatus.SEND_OK);
    }
    BrokerServer slave = broker("slave", props("brokerRole", "SLAVE", "brokerId", "1"));
    awaitSlaveConnected(master);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        "0".equals(master.ha().runtimeInfo().get("haSlaveBehindBytes")));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> slave.store().dispatchedOffset() >= master.store().commitLogMaxOffset());
    for (int q = 0; q < 4; q++) {
      assertThat(queueContent(slave.store(), "HaAsync", q))
          .isEqualTo(queueContent(master.store(), "HaAsync", q));
    }
  }

  @Test
  void consumersKeepConsumingFromTheSlaveWhenTheMasterIsGone() throws Exception {
    BrokerServer master = broker("master", props("brokerRole", "ASYNC_MASTER"));
    BrokerServer slave = broker("slave", props("brokerRole", "SLAVE", "brokerId", "1"));
    awaitSlaveConnected(master);
    DefaultMQProducer producer = producer("ha-producer-gone");
    producer.createTopic("TBW102", "HaGone", 4, null);
    for (int i = 0; i < 100; i++) {
      assertThat(producer.send(message("HaGone", i)).getSendStatus())
          .isEqualTo(SendStatus.SEND_OK);
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> slave.store().dispatchedOffset() >= master.store().commitLogMaxOffset());
    await().atMost(Duration.ofSeconds(10)).until(() -> slave.topics().get("HaGone") != null);
    master.close();

    Set<String> got = ConcurrentHashMap.newKeySet();
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("ha-consumer-gone");
    consumer.setNamesrvAddr(namesrv.addr());
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.subscribe("HaGone", "*");
    consumer.registerMessageListener((org.apache.rocketmq.client.consumer.listener
        .MessageListenerConcurrently) (msgs, ctx) -> {
          msgs.forEach(x -> got.add(new String(x.getBody(), StandardCharsets.UTF_8)));
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
    consumer.start();
    open.add(consumer::shutdown);
    await().atMost(Duration.ofSeconds(60)).until(() -> got.size() == 100);
  }

  /** Every record of a queue as (physical offset, bytes) strings, for equality. */
  private static List<String> queueContent(MessageStore store, String topic, int queue) {
    List<String> out = new ArrayList<>();
    long offset = 0;
    while (true) {
      try (GetResult r = store.getMessages(topic, queue, offset, 32, 1 << 20, TagFilter.ALL)) {
        if (r.status() != GetStatus.FOUND) {
          return out;
        }
        for (SegmentSlice slice : r.messages()) {
          byte[] b = new byte[slice.buffer().remaining()];
          slice.buffer().duplicate().get(b);
          out.add(slice.offset() + ":" + java.util.Arrays.hashCode(b) + ":" + b.length);
        }
        offset = r.nextBeginOffset();
      }
    }
  }
}
