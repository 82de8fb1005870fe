package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.LocalCluster;
import io.apogeemq.broker.support.WireCluster;
import io.apogeemq.broker.support.WireRequests;
import io.apogeemq.common.message.BatchBodyCodec;
import io.apogeemq.common.message.BatchEntry;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and wrong send requests over a real connection: each gets the protocol's code and a
 * remark that names the problem, nothing is stored, and the broker keeps serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendBadInputIT {

  private static final int V5 = 479;
  private static final int V4 = 409;
  private static WireCluster wire;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    Properties p = new Properties();
    p.setProperty("maxMessageSize", "1024");
    wire = new WireCluster("bad-input", p);
    cluster = wire.cluster();
    cluster.broker().topics().put(io.apogeemq.broker.topic.TopicConfig.of("Good", 4));
  }

  @AfterAll
  static void stop() throws Exception {
    if (wire != null) {
      wire.close();
    }
  }

  @AfterEach
  void brokerStillServesAGoodSend() throws Exception {
    RemotingCommand r = call(send("Good", 1, "", new byte[10], V5));
    assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(r.extField("msgId")).hasSize(32);
  }

  private static RemotingCommand send(String topic, int queueId, String props, byte[] body,
      int version) {
    return WireRequests.sendV2(version, topic, queueId, 0, props, body);
  }

  private static RemotingCommand call(RemotingCommand request) throws Exception {
    return wire.call(request);
  }

  @Test
  void oversizedBodyIsRefusedAsMessageIllegal() throws Exception {
    long before = cluster.broker().store().maxOffset("Good", 0);
    RemotingCommand r = call(send("Good", 0, "", new byte[2000], V5));
    assertThat(r.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
    assertThat(r.remark()).contains("2000").contains("maxMessageSize 1024").contains("Good");
    assertThat(cluster.broker().store().maxOffset("Good", 0)).isEqualTo(before);
  }

  @Test
  void emptyBodyIsRefused() throws Exception {
    RemotingCommand r = call(send("Good", 0, "", null, V5));
    assertThat(r.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
    assertThat(r.remark()).contains("empty");
  }

  @Test
  void illegalTopicNameIsInvalidParameterFor5xAndSystemErrorFor4x() throws Exception {
    RemotingCommand v5 = call(send("bad topic!", 0, "", new byte[1], V5));
    assertThat(v5.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(v5.remark()).contains("bad topic!");
    RemotingCommand v4 = call(send("bad topic!", 0, "", new byte[1], V4));
    assertThat(v4.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    RemotingCommand tooLong = call(send("x".repeat(128), 0, "", new byte[1], V5));
    assertThat(tooLong.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
  }

  @Test
  void reservedTopicIsRefusedWithNoPermission() throws Exception {
    for (String topic : List.of("SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC",
        "OFFSET_MOVED_EVENT", "SELF_TEST_TOPIC")) {
      RemotingCommand r = call(send(topic, 0, "", new byte[1], V5));
      assertThat(r.code()).as(topic).isEqualTo(ResponseCode.NO_PERMISSION);
      assertThat(r.remark()).contains(topic).contains("forbidden");
    }
  }

  @Test
  void queueIdOutOfRangeIsRefused() throws Exception {
    RemotingCommand r = call(send("Good", 4, "", new byte[1], V5));
    assertThat(r.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(r.remark()).contains("queueId[4]").contains("Good");
    assertThat(call(send("Good", 99, "", new byte[1], V4)).code())
        .isEqualTo(ResponseCode.SYSTEM_ERROR);
  }

  @Test
  void negativeQueueIdLetsTheBrokerPickAQueue() throws Exception {
    RemotingCommand r = call(send("Good", -1, "", new byte[1], V5));
    assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(Integer.parseInt(r.extField("queueId"))).isBetween(0, 3);
  }

  @Test
  void unknownTopicWithoutUsableTemplateIsTopicNotExist() throws Exception {
    RemotingCommand c = send("NoSuchTopic", 0, "", new byte[1], V5);
    c.putExtField("c", "NoSuchTemplate");
    RemotingCommand r = call(c);
    assertThat(r.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    assertThat(r.remark()).contains("NoSuchTopic");
    assertThat(cluster.broker().topics().get("NoSuchTopic")).isNull();
  }

  @Test
  void propertiesOverTheRecordLimitAreRefused() throws Exception {
    String huge = "big\u0001" + "v".repeat(40_000) + "\u0002";
    RemotingCommand r = call(send("Good", 0, huge, new byte[1], V5));
    assertThat(r.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
    assertThat(r.remark()).contains("properties").contains("32767");
  }

  @Test
  void unknownRequestCodeIsNotSupported() throws Exception {
    RemotingCommand r = call(RemotingCommand.request(9999));
    assertThat(r.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    assertThat(r.remark()).contains("9999");
  }

  @Test
  void missingHeaderFieldIsNamed() throws Exception {
    RemotingCommand c = send("Good", 0, "", new byte[1], V5);
    c.extFields().remove("b");
    RemotingCommand r = call(c);
    assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(r.remark()).contains("b");
  }

  @Test
  void malformedBatchBodyIsRefused() throws Exception {
    RemotingCommand c = send("Good", 0, "", new byte[] {0, 0, 0, 99, 1, 2, 3}, V5);
    c.code(RequestCode.SEND_BATCH_MESSAGE);
    c.putExtField("m", true);
    RemotingCommand r = call(c);
    assertThat(r.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
    assertThat(r.remark()).contains("malformed batch");
  }

  @Test
  void batchOverTheSizeLimitIsRefused() throws Exception {
    ByteBuffer body = BatchBodyCodec.encode(List.of(new BatchEntry(0, new byte[600], ""),
        new BatchEntry(0, new byte[600], "")));
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    RemotingCommand c = send("Good", 0, "", bytes, V5);
    c.code(RequestCode.SEND_BATCH_MESSAGE);
    c.putExtField("m", true);
    assertThat(call(c).code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
  }

  @Test
  void malformedDelayIsRefusedAndTransactionMessagesAreParkedInTheHalfTopic() throws Exception {
    RemotingCommand delay = call(send("Good", 0, "DELAY\u0001soon\u0002", new byte[1], V5));
    assertThat(delay.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
    assertThat(delay.remark()).contains("DELAY='soon'").contains("Good");
    // Transaction messages are supported now: parked in the half topic, not in "Good".
    RemotingCommand tx = call(send("Good", 0, "TRAN_MSG\u0001true\u0002PGROUP\u0001pg\u0002",
        new byte[1], V5));
    assertThat(tx.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(cluster.readAll(io.apogeemq.common.name.NameRules.TRANS_HALF_TOPIC))
        .anySatisfy(m -> assertThat(m.property("REAL_TOPIC")).isEqualTo("Good"));
  }
}
