package io.apogeemq.broker.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.TagFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retry and dead letters end to end with the official producer and push consumer (whichever
 * version is on the test classpath), on a broker whose delay levels are all 1 s: failed messages
 * come back through {@code %RETRY%<group>} with growing {@code reconsumeTimes}, exhausted ones land
 * in {@code %DLQ%<group>}, and a dead letter can be re-sent to its topic, also after a restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RetryDeadLetterIT {

  /** Pulled message as the listener saw it. */
  private record Attempt(String topic, String msgId, int reconsumeTimes, long queueOffset,
      String body) {}

  @TempDir Path dir;
  private ConsumeCluster cluster;
  private DefaultMQProducer producer;
  private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

  @BeforeAll
  static void localOffsetsInTarget() {
    System.setProperty("rocketmq.client.localOffsetStoreDir", "target/it-client-offsets");
  }

  @BeforeEach
  void start() throws Exception {
    Properties p = new Properties();
    p.setProperty("messageDelayLevel", String.join(" ", java.util.Collections.nCopies(18, "1s")));
    cluster = new ConsumeCluster(dir, p);
    producer = cluster.configure(new DefaultMQProducer("retry-pg"));
    producer.start();
  }

  @AfterEach
  void stop() {
    try {
      consumers.forEach(DefaultMQPushConsumer::shutdown);
      producer.shutdown();
    } finally {
      cluster.close();
    }
  }

  private DefaultMQPushConsumer consumer(String group, String topic, int maxReconsumeTimes,
      MessageListenerConcurrently listener) throws Exception {
    DefaultMQPushConsumer c = cluster.configure(new DefaultMQPushConsumer(group));
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.setMaxReconsumeTimes(maxReconsumeTimes);
    c.subscribe(topic, "*");
    c.registerMessageListener(listener);
    consumers.add(c);
    c.start();
    return c;
  }

  private static MessageListenerConcurrently failing(Queue<Attempt> attempts, int failures) {
    return (msgs, context) -> {
      MessageExt m = msgs.get(0);
      attempts.add(new Attempt(m.getTopic(), m.getMsgId(), m.getReconsumeTimes(),
          m.getQueueOffset(), new String(m.getBody(), UTF_8)));
      return attempts.size() <= failures ? ConsumeConcurrentlyStatus.RECONSUME_LATER
          : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    };
  }

  private String send(String topic, String body) throws Exception {
    SendResult r = producer.send(new Message(topic, "TagR", body.getBytes(UTF_8)));
    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    return r.getMsgId();
  }

  @Test
  void aListenerThatFailsTwiceGetsTheMessageThreeTimesWithReconsumeTimesZeroOneTwo()
      throws Exception {
    cluster.createTopic("RetryT", 2);
    Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    consumer("retry-g", "RetryT", -1, failing(attempts, 2));
    String msgId = send("RetryT", "fails-twice");

    await().atMost(Duration.ofSeconds(60)).until(() -> attempts.size() >= 3);
    Thread.sleep(3_000);

    assertThat(attempts).extracting(Attempt::reconsumeTimes).containsExactly(0, 1, 2);
    assertThat(attempts).extracting(Attempt::topic).containsOnly("RetryT");
    assertThat(attempts).extracting(Attempt::msgId).containsOnly(msgId);
    assertThat(attempts).extracting(Attempt::body).containsOnly("fails-twice");
    assertThat(cluster.broker().topics().get("%DLQ%retry-g")).isNull();
  }

  @Test
  void aMessageThatAlwaysFailsReachesTheDeadLetterQueueAndCanBeResentAfterARestart()
      throws Exception {
    cluster.createTopic("DlqT", 2);
    Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    DefaultMQPushConsumer failingConsumer = consumer("dlq-g", "DlqT", 2,
        failing(attempts, Integer.MAX_VALUE));
    String msgId = send("DlqT", "always-fails");

    await().atMost(Duration.ofSeconds(60))
        .until(() -> cluster.broker().store().maxOffset("%DLQ%dlq-g", 0) == 1);
    Thread.sleep(2_000);
    assertThat(attempts).extracting(Attempt::reconsumeTimes).containsExactly(0, 1, 2);
    MessageRecord letter = deadLetter("%DLQ%dlq-g");
    assertThat(letter.property(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX)).isEqualTo(msgId);
    assertThat(letter.property(PropertyKeys.RETRY_TOPIC)).isEqualTo("DlqT");
    assertThat(letter.property(PropertyKeys.ORIGIN_MESSAGE_ID)).isNotBlank();
    assertThat(letter.property(PropertyKeys.DELAY_TIME_LEVEL)).isNull();
    assertThat(letter.reconsumeTimes()).isEqualTo(3);
    assertThat(cluster.broker().topics().get("%DLQ%dlq-g").perm()).isEqualTo(6);

    failingConsumer.shutdown();
    consumers.remove(failingConsumer);
    cluster.restartBroker();

    RemotingCommand resent = resend("dlq-g", msgId);
    assertThat(resent.code()).as(resent.remark()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(resent.extField("topic")).isEqualTo("DlqT");
    long resentOffset = Long.parseLong(resent.extField("queueOffset"));

    Queue<Attempt> again = new ConcurrentLinkedQueue<>();
    consumer("dlq-g", "DlqT", 2, failing(again, 0));
    await().atMost(Duration.ofSeconds(60)).until(() -> again.stream()
        .anyMatch(a -> a.queueOffset() == resentOffset && a.reconsumeTimes() == 0));
    assertThat(again).filteredOn(a -> a.queueOffset() == resentOffset)
        .extracting(Attempt::msgId, Attempt::body, Attempt::topic)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(msgId, "always-fails", "DlqT"));
    assertThat(cluster.broker().store().maxOffset("%DLQ%dlq-g", 0))
        .as("the letter stays in the DLQ").isEqualTo(1);
  }

  private MessageRecord deadLetter(String dlq) {
    try (GetResult r = cluster.broker().store().getMessages(dlq, 0, 0, 1, 1 << 20,
        TagFilter.ALL)) {
      assertThat(r.messages()).hasSize(1);
      return MessageRecordCodec.decode(r.messages().get(0).buffer().duplicate(), true);
    }
  }

  private RemotingCommand resend(String group, String msgId) throws Exception {
    try (RemotingClient client = new RemotingClient("resend", RemotingClientConfig.defaults(),
        null)) {
      client.start();
      return client.invokeSync(cluster.broker().endpoint().addr(),
          RemotingCommand.request(RequestCode.APOGEE_RESEND_DEAD_LETTER)
              .putExtField("group", group).putExtField("msgId", msgId), 5_000);
    }
  }
}
