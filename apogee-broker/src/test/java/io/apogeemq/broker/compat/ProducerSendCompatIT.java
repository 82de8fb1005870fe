package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.support.LocalCluster;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.OffsetMessageId;
import io.apogeemq.common.message.SysFlag;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code DefaultMQProducer} against an Apogee NameServer and broker: every send mode,
 * checked against what the store holds. The same source runs with the 5.3.3 client (this module)
 * and the 4.9.8 client ({@code apogee-broker-compat-4x}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProducerSendCompatIT {

  private static LocalCluster cluster;
  private DefaultMQProducer producer;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new LocalCluster();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void startProducer() throws Exception {
    producer = new DefaultMQProducer("pg-" + UUID.randomUUID().toString().substring(0, 8));
    producer.setNamesrvAddr(cluster.namesrvAddr());
    producer.setInstanceName("it-" + UUID.randomUUID());
    producer.setVipChannelEnabled(false);
    producer.setSendMsgTimeout(10_000);
    producer.start();
  }

  @AfterEach
  void stopProducer() {
    if (producer != null) {
      producer.shutdown();
    }
  }

  private static String newTopic() {
    return "T_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void runsAgainstTheExpectedOfficialClientVersion() {
    // 479 = 5.3.3 (this module), 409 = 4.9.8 (apogee-broker-compat-4x sets the property)
    assertThat(MQVersion.CURRENT_VERSION)
        .isEqualTo(Integer.getInteger("apogee.expectedClientVersion", 479));
  }

  @Test
  void syncSendToNewTopicAutoCreatesItAndStoresTheRecordTheResultPointsTo() throws Exception {
    String topic = newTopic();
    Message msg = new Message(topic, "TagA", "key-1 key-2", "hello apogee".getBytes(StandardCharsets.UTF_8));
    msg.putUserProperty("color", "blue");

    SendResult result = producer.send(msg);

    assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    assertThat(cluster.broker().topics().get(topic).writeQueueNums()).isEqualTo(4);
    MessageRecord stored = storedAt(result);
    assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo("hello apogee");
    assertThat(stored.topic()).isEqualTo(topic);
    assertThat(stored.queueId()).isEqualTo(result.getMessageQueue().getQueueId());
    assertThat(stored.queueOffset()).isEqualTo(result.getQueueOffset());
    assertThat(stored.property("TAGS")).isEqualTo("TagA");
    assertThat(stored.property("KEYS")).isEqualTo("key-1 key-2");
    assertThat(stored.property("color")).isEqualTo("blue");
    assertThat(stored.property("UNIQ_KEY")).isEqualTo(result.getMsgId());
    assertThat(stored.property("CLUSTER")).isEqualTo("DefaultCluster");
    assertThat(result.getRegionId()).isEqualTo("DefaultRegion");
    assertThat(result.isTraceOn()).isTrue();
    assertThat(result.getTransactionId()).isEqualTo(result.getMsgId());
  }

  @Test
  void consecutiveSendsToOneQueueGetConsecutiveOffsets() throws Exception {
    String topic = newTopic();
    producer.send(new Message(topic, "x".getBytes(StandardCharsets.UTF_8)));
    MessageQueue mq = new MessageQueue(topic, cluster.broker().config().brokerName(), 2);
    SendResult first = producer.send(new Message(topic, "a".getBytes(StandardCharsets.UTF_8)), mq);
    SendResult second = producer.send(new Message(topic, "b".getBytes(StandardCharsets.UTF_8)), mq);
    assertThat(first.getMessageQueue().getQueueId()).isEqualTo(2);
    assertThat(second.getQueueOffset()).isEqualTo(first.getQueueOffset() + 1);
    assertThat(cluster.read(topic, 2, first.getQueueOffset(), 10))
        .extracting(r -> new String(r.body(), StandardCharsets.UTF_8)).containsExactly("a", "b");
  }

  @Test
  void asyncSendCompletesTheCallbackWithTheStoredPosition() throws Exception {
    String topic = newTopic();
    producer.send(new Message(topic, "warm-up".getBytes(StandardCharsets.UTF_8)));
    List<CompletableFuture<SendResult>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      CompletableFuture<SendResult> f = new CompletableFuture<>();
      producer.send(new Message(topic, ("async-" + i).getBytes(StandardCharsets.UTF_8)),
          new SendCallback() {
            @Override
            public void onSuccess(SendResult sendResult) {
              f.complete(sendResult);
            }

            @Override
            public void onException(Throwable e) {
              f.completeExceptionally(e);
            }
          });
      futures.add(f);
    }
    for (int i = 0; i < futures.size(); i++) {
      SendResult r = futures.get(i).get(30, TimeUnit.SECONDS);
      assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      assertThat(new String(storedAt(r).body(), StandardCharsets.UTF_8)).isEqualTo("async-" + i);
    }
  }

  @Test
  void onewaySendIsStored() throws Exception {
    String topic = newTopic();
    producer.send(new Message(topic, "warm-up".getBytes(StandardCharsets.UTF_8)));
    String body = "oneway-" + UUID.randomUUID();
    producer.sendOneway(new Message(topic, body.getBytes(StandardCharsets.UTF_8)));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(cluster.readAll(topic))
            .anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).equals(body)));
  }

  @Test
  void batchSendStoresEveryMessageWithConsecutiveOffsetsAndReturnsEveryOffsetId()
      throws Exception {
    String topic = newTopic();
    producer.send(new Message(topic, "warm-up".getBytes(StandardCharsets.UTF_8)));
    List<Message> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(new Message(topic, "T" + i, "k" + i, ("batch-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    SendResult result = producer.send(batch);

    assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    String[] offsetIds = result.getOffsetMsgId().split(",");
    String[] uniqIds = result.getMsgId().split(",");
    assertThat(offsetIds).hasSize(5);
    assertThat(uniqIds).hasSize(5);
    List<MessageRecord> stored = cluster.read(topic, result.getMessageQueue().getQueueId(),
        result.getQueueOffset(), 5);
    assertThat(stored).hasSize(5);
    for (int i = 0; i < 5; i++) {
      MessageRecord r = stored.get(i);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("batch-" + i);
      assertThat(r.queueOffset()).isEqualTo(result.getQueueOffset() + i);
      assertThat(r.property("TAGS")).isEqualTo("T" + i);
      assertThat(r.property("UNIQ_KEY")).isEqualTo(uniqIds[i]);
      assertThat(OffsetMessageId.decode(offsetIds[i]).commitLogOffset())
          .isEqualTo(r.physicalOffset());
    }
  }

  @Test
  void largeBodyIsStoredCompressedWithTheCompressedFlag() throws Exception {
    String topic = newTopic();
    byte[] body = "0123456789abcdef".repeat(1024).getBytes(StandardCharsets.UTF_8);
    SendResult result = producer.send(new Message(topic, body));
    MessageRecord stored = storedAt(result);
    assertThat(stored.sysFlag() & SysFlag.COMPRESSED).isEqualTo(SysFlag.COMPRESSED);
    assertThat(inflate(stored.body())).isEqualTo(body);
  }

  private static MessageRecord storedAt(SendResult result) {
    List<MessageRecord> records = cluster.read(result.getMessageQueue().getTopic(),
        result.getMessageQueue().getQueueId(), result.getQueueOffset(), 1);
    assertThat(records).hasSize(1);
    MessageRecord r = records.get(0);
    assertThat(OffsetMessageId.decode(result.getOffsetMsgId()).commitLogOffset())
        .isEqualTo(r.physicalOffset());
    assertThat(OffsetMessageId.decode(result.getOffsetMsgId()).storeHost().port())
        .isEqualTo(cluster.broker().endpoint().port());
    return r;
  }

  private static byte[] inflate(byte[] data) throws Exception {
    Inflater inflater = new Inflater();
    inflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!inflater.finished()) {
      int n = inflater.inflate(buf);
      if (n == 0 && inflater.needsInput()) {
        break;
      }
      out.write(buf, 0, n);
    }
    inflater.end();
    return out.toByteArray();
  }
}
