package io.apogeemq.broker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.LocalCluster;
import io.apogeemq.broker.support.WireCluster;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wrong send-back, lock, dead-letter and reset requests over a real connection: each gets a clear
 * code and a remark naming the problem, and the broker keeps serving (a valid lock request after
 * each one still succeeds).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetryBadInputIT {

  private static WireCluster wire;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    wire = new WireCluster("retry-bad-input", new Properties());
    cluster = wire.cluster();
    cluster.broker().topics().put(TopicConfig.of("Good", 2));
  }

  @AfterAll
  static void stop() throws Exception {
    if (wire != null) {
      wire.close();
    }
  }

  @AfterEach
  void brokerStillServesAValidLock() throws Exception {
    RemotingCommand r = call(lock("{\"clientId\":\"ok@1\",\"consumerGroup\":\"ok-g\","
        + "\"mqSet\":[{\"topic\":\"Good\",\"brokerName\":\"broker-test\",\"queueId\":0}]}"));
    assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"queueId\":0");
  }

  private static RemotingCommand call(RemotingCommand request) throws Exception {
    return wire.call(request);
  }

  private static RemotingCommand lock(String json) {
    return RemotingCommand.request(RequestCode.LOCK_BATCH_MQ)
        .body(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  private static RemotingCommand sendBack(long offset) {
    return RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
        .putExtField("offset", offset)
        .putExtField("group", "bad-g")
        .putExtField("delayLevel", 0)
        .putExtField("originMsgId", "X")
        .putExtField("originTopic", "Good")
        .putExtField("unitMode", false);
  }

  @Test
  void sendBackOfAnOffsetWithNoMessageIsASystemErrorNamingTheOffset() throws Exception {
    cluster.broker().store().append(new io.apogeemq.store.AppendMessage("Good", 0, 0,
        new byte[] {1, 2, 3}, "", 0, 1, io.apogeemq.broker.support.StoreFixture.HOST,
        io.apogeemq.broker.support.StoreFixture.HOST, 0, 0, true)).join();
    for (long offset : new long[] {-5, 7, 1L << 40}) {
      RemotingCommand r = call(sendBack(offset));
      assertThat(r.code()).as("offset %d", offset).isEqualTo(ResponseCode.SYSTEM_ERROR);
      assertThat(r.remark()).contains("offset", Long.toString(offset));
    }
    assertThat(cluster.broker().topics().get("%DLQ%bad-g")).isNull();
  }

  @Test
  void sendBackWithoutRequiredHeaderFieldsIsRefusedNamingTheField() throws Exception {
    RemotingCommand r = call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
        .putExtField("group", "bad-g").putExtField("delayLevel", 0));
    assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(r.remark()).contains("offset");
  }

  @Test
  void malformedLockBodiesAreRefusedWithSystemError() throws Exception {
    for (String body : new String[] {null, "{oops", "{\"clientId\":\"c\"}",
        "{\"clientId\":\"c\",\"consumerGroup\":\"g\",\"mqSet\":[{\"topic\":\"Good\"}]}"}) {
      RemotingCommand r = call(lock(body));
      assertThat(r.code()).as("body %s", body).isEqualTo(ResponseCode.SYSTEM_ERROR);
      assertThat(r.remark()).contains("malformed LOCK_BATCH_MQ body");
    }
    RemotingCommand unlock = call(RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ)
        .body("[]".getBytes(StandardCharsets.UTF_8)));
    assertThat(unlock.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(unlock.remark()).contains("malformed UNLOCK_BATCH_MQ body");
  }

  @Test
  void reSendingAnUnknownDeadLetterSaysWhatIsMissing() throws Exception {
    RemotingCommand noDlq = call(RemotingCommand.request(RequestCode.APOGEE_RESEND_DEAD_LETTER)
        .putExtField("group", "never-failed").putExtField("msgId", "ABC"));
    assertThat(noDlq.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    assertThat(noDlq.remark()).contains("%DLQ%never-failed");

    cluster.broker().topics().put(TopicConfig.of("%DLQ%some-g", 1));
    RemotingCommand noLetter = call(RemotingCommand.request(
        RequestCode.APOGEE_RESEND_DEAD_LETTER).putExtField("group", "some-g")
        .putExtField("msgId", "0A0000010000000000000000DEADBEEF"));
    assertThat(noLetter.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
  }

  @Test
  void resettingOffsetsOfAnUnknownTopicOrAnOfflineGroupIsRefused() throws Exception {
    RemotingCommand noTopic = call(reset("NoSuchTopic"));
    assertThat(noTopic.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    RemotingCommand offline = call(reset("Good"));
    assertThat(offline.code()).isEqualTo(ResponseCode.CONSUMER_NOT_ONLINE);
    assertThat(offline.remark()).contains("offline-g");
    assertThat(cluster.broker().store().maxOffset("Good", 1)).isNotNegative();
  }

  private static RemotingCommand reset(String topic) {
    return RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET)
        .putExtField("topic", topic).putExtField("group", "offline-g")
        .putExtField("timestamp", 0L).putExtField("isForce", true);
  }
}
