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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slave whose log cannot simply be continued: one longer than its master's (diverged), and an
 * empty one whose master no longer holds offset 0. Broker processes driven by the official 5.x
 * client; stores compared offline after a clean stop.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReplicaRepairIT {

  private static final String TOPIC = "HaRepair";
  /** Small segments so that a few hundred messages fill several. */
  private static final Map<String, String> SMALL_SEGMENTS =
      Map.of("mappedFileSizeCommitLog", Integer.toString(64 * 1024));

  private HaCluster cluster;
  private DefaultMQProducer producer;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new HaCluster();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (producer != null) {
      producer.shutdown();
    }
    cluster.close();
  }

  @Test
  void aSlaveWhoseLogIsLongerThanTheRestartedMastersCutsItBackAndReplicatesOn()
      throws Exception {
    defineGroup(Map.of());
    startGroup();
    send("before-", 200);
    awaitCaughtUp();
    cluster.stop("a-s");
    cluster.stop("a-m");

    // The master loses the tail of its log (as after a crash with unflushed data): cut it back
    // offline to the start of queue 0's 31st message; the slave keeps everything.
    long cut;
    try (MessageStore master = open("a-m")) {
      try (GetResult r = master.getMessages(TOPIC, 0, 30, 1, 1 << 20, TagFilter.ALL)) {
        cut = r.messages().get(0).offset();
      }
      assertThat(master.truncateReplica(cut)).isNull();
    }
    long slaveEnd;
    try (MessageStore slave = open("a-s")) {
      slaveEnd = slave.commitLogMaxOffset();
    }
    assertThat(slaveEnd).isGreaterThan(cut);

    startGroup();
    send("after-", 100);
    awaitCaughtUp();
    assertThat(Files.readString(cluster.broker("a-s").dir().resolve("broker.out")))
        .contains("the logs diverged; cutting this slave's log back to " + cut);
    cluster.stop("a-s");
    cluster.stop("a-m");

    assertSameQueues();
  }

  @Test
  void anEmptySlaveOfAMasterWithoutItsOldestSegmentsStartsAtTheOldestOffsetTheMasterHolds()
      throws Exception {
    defineGroup(SMALL_SEGMENTS);
    cluster.start("a-m");
    producer = producer();
    producer.createTopic("TBW102", TOPIC, 4, null);
    awaitRoute();
    send("old-", 300);
    cluster.stop("a-m");

    Path commitLog = cluster.broker("a-m").dir().resolve("store").resolve("commitlog");
    List<Path> segments;
    try (Stream<Path> s = Files.list(commitLog)) {
      segments = s.filter(p -> p.getFileName().toString().matches("\\d{20}")).sorted().toList();
    }
    assertThat(segments.size()).isGreaterThan(3);
    Files.delete(segments.get(0));
    Files.delete(segments.get(1));
    long oldest = Long.parseLong(segments.get(2).getFileName().toString());

    startGroup();
    send("new-", 100);
    awaitCaughtUp();
    cluster.stop("a-s");
    cluster.stop("a-m");

    try (MessageStore slave = open("a-s")) {
      assertThat(slave.commitLogMinOffset()).isEqualTo(oldest);
    }
    assertSameQueues();
  }

  private void defineGroup(Map<String, String> extra) throws Exception {
    Map<String, String> master = new java.util.HashMap<>(extra);
    master.put("brokerRole", "ASYNC_MASTER");
    Map<String, String> slave = new java.util.HashMap<>(extra);
    slave.put("brokerRole", "SLAVE");
    slave.put("brokerId", "1");
    cluster.define("a-m", "broker-a", master);
    cluster.define("a-s", "broker-a", slave);
  }

  private void startGroup() throws Exception {
    cluster.start("a-m");
    cluster.start("a-s");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> "1".equals(cluster.runtime("a-m").get("haConnectedSlaves")));
    if (producer == null) {
      producer = producer();
      producer.createTopic("TBW102", TOPIC, 4, null);
    }
    awaitRoute();
  }

  private DefaultMQProducer producer() throws Exception {
    DefaultMQProducer p = new DefaultMQProducer("ha-repair-producer");
    p.setNamesrvAddr(cluster.namesrvAddr());
    p.setInstanceName("ha-repair-" + System.nanoTime());
    p.setPollNameServerInterval(500);
    p.setSendMsgTimeout(5000);
    p.setRetryTimesWhenSendFailed(3);
    p.start();
    return p;
  }

  private void awaitRoute() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions().until(() -> cluster.admin().examineTopicRouteInfo(TOPIC)
            .getQueueDatas().size() == 1);
  }

  private void send(String prefix, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      byte[] body = new byte[700];
      Arrays.fill(body, (byte) ('a' + i % 26));
      byte[] tag = (prefix + i).getBytes();
      System.arraycopy(tag, 0, body, 0, tag.length);
      SendStatus s = sendRetrying(new Message(TOPIC, "T", body));
      assertThat(s).as("send %s%d", prefix, i).isEqualTo(SendStatus.SEND_OK);
    }
  }

  /** The first sends after a restart may meet a broker that is not routed yet. */
  private SendStatus sendRetrying(Message m) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return producer.send(m).getSendStatus();
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private void awaitCaughtUp() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> "0".equals(cluster.runtime("a-m").get("haSlaveBehindBytes")));
  }

  private void assertSameQueues() throws Exception {
    try (MessageStore master = open("a-m"); MessageStore slave = open("a-s")) {
      assertThat(slave.commitLogMaxOffset()).isEqualTo(master.commitLogMaxOffset());
      for (int q = 0; q < 4; q++) {
        List<String> m = queue(master, q);
        assertThat(m).as("queue %d", q).isNotEmpty();
        assertThat(queue(slave, q)).as("queue %d", q).isEqualTo(m);
      }
    }
  }

  private MessageStore open(String id) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(cluster.broker(id).dir().resolve("broker.conf"))));
    return LocalMessageStore.open(BrokerConfig.fromProperties(p, w -> { }).store());
  }

  /** A queue's messages from its oldest readable offset: queue offset, size and content hash. */
  private static List<String> queue(MessageStore store, int queueId) {
    List<String> out = new ArrayList<>();
    long offset = store.minOffset(TOPIC, queueId);
    while (true) {
      try (GetResult r = store.getMessages(TOPIC, queueId, offset, 32, 1 << 20, TagFilter.ALL)) {
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
