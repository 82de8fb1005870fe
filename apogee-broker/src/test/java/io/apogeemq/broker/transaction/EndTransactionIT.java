package io.apogeemq.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.LocalCluster;
import io.apogeemq.broker.support.WireCluster;
import io.apogeemq.broker.support.WireRequests;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.OffsetMessageId;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code END_TRANSACTION} over a real connection, sent as a request (not oneway) so the answers
 * can be seen: good ends, repeated ends, and every kind of bad header or offset.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndTransactionIT {

  private static final AtomicInteger IDS = new AtomicInteger();
  private static WireCluster wire;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    Properties p = new Properties();
    p.setProperty("transactionCheckInterval", "60000"); // no checks interfere
    wire = new WireCluster("end-tx", p);
    cluster = wire.cluster();
    cluster.broker().topics().put(TopicConfig.of("TxEnd", 2));
  }

  @AfterAll
  static void stop() throws Exception {
    if (wire != null) {
      wire.close();
    }
  }

  @AfterEach
  void brokerStillEndsAGoodTransaction() throws Exception {
    Half h = sendHalf("after-" + IDS.incrementAndGet());
    assertThat(call(end(h, "pg", SysFlag.TRANSACTION_ROLLBACK_TYPE)).code())
        .isEqualTo(ResponseCode.SUCCESS);
  }

  /** What the producer knows about its half message from the send response. */
  record Half(String body, String uniqKey, long commitLogOffset, long queueOffset) {}

  private static Half sendHalf(String body) throws Exception {
    String uniq = String.format("%032X", IDS.incrementAndGet() + 0xABC000L);
    RemotingCommand c = WireRequests.sendV2(WireRequests.V5, "TxEnd", 1,
        SysFlag.TRANSACTION_PREPARED_TYPE,
        "TRAN_MSG\u0001true\u0002PGROUP\u0001pg\u0002UNIQ_KEY\u0001" + uniq + "\u0002",
        body.getBytes(StandardCharsets.UTF_8));
    RemotingCommand r = call(c);
    assertThat(r.code()).as(r.remark()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(r.extField("transactionId")).isEqualTo(uniq);
    assertThat(r.extField("queueId")).isEqualTo("1");
    long offset = OffsetMessageId.decode(r.extField("msgId")).commitLogOffset();
    return new Half(body, uniq, offset, Long.parseLong(r.extField("queueOffset")));
  }

  private static RemotingCommand end(Half h, String group, int type) {
    RemotingCommand c = RemotingCommand.request(RequestCode.END_TRANSACTION);
    c.putExtField("producerGroup", group);
    c.putExtField("tranStateTableOffset", h.queueOffset());
    c.putExtField("commitLogOffset", h.commitLogOffset());
    c.putExtField("commitOrRollback", type);
    c.putExtField("fromTransactionCheck", false);
    c.putExtField("msgId", h.uniqKey());
    c.putExtField("transactionId", h.uniqKey());
    return c;
  }

  private static RemotingCommand call(RemotingCommand request) throws Exception {
    return wire.call(request);
  }

  private static List<MessageRecord> delivered(String body) {
    return cluster.readAll("TxEnd").stream()
        .filter(m -> new String(m.body(), StandardCharsets.UTF_8).equals(body)).toList();
  }

  @Test
  void aCommitRestoresTheRealTopicAndQueueAndLinksTheHalfMessage() throws Exception {
    Half h = sendHalf("commit-me");
    assertThat(delivered("commit-me")).isEmpty();
    MessageRecord half = cluster.read(NameRules.TRANS_HALF_TOPIC, 0, h.queueOffset(), 1).get(0);
    assertThat(half.property(PropertyKeys.REAL_TOPIC)).isEqualTo("TxEnd");
    assertThat(half.property(PropertyKeys.REAL_QUEUE_ID)).isEqualTo("1");
    assertThat(half.property(PropertyKeys.TRANSACTION_ID)).isEqualTo(h.uniqKey());
    assertThat(SysFlag.transactionType(half.sysFlag())).isEqualTo(SysFlag.TRANSACTION_NOT_TYPE);

    RemotingCommand r = call(end(h, "pg", SysFlag.TRANSACTION_COMMIT_TYPE));

    assertThat(r.code()).as(r.remark()).isEqualTo(ResponseCode.SUCCESS);
    List<MessageRecord> got = delivered("commit-me");
    assertThat(got).hasSize(1);
    MessageRecord m = got.get(0);
    assertThat(m.queueId()).isEqualTo(1);
    assertThat(SysFlag.transactionType(m.sysFlag())).isEqualTo(SysFlag.TRANSACTION_COMMIT_TYPE);
    assertThat(m.preparedTransactionOffset()).isEqualTo(h.commitLogOffset());
    assertThat(m.property(PropertyKeys.REAL_TOPIC)).isNull();
    assertThat(m.property(PropertyKeys.TRANSACTION_PREPARED)).isNull();
    assertThat(m.property(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX)).isEqualTo(h.uniqKey());
    assertThat(m.property(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET))
        .isEqualTo(Long.toString(h.queueOffset()));
    assertThat(cluster.readAll(NameRules.TRANS_OP_HALF_TOPIC)).anySatisfy(op ->
        assertThat(new String(op.body(), StandardCharsets.US_ASCII))
            .isEqualTo(h.queueOffset() + ","));
  }

  @Test
  void aRepeatedOrContradictingEndOfAnEndedTransactionChangesNothing() throws Exception {
    Half h = sendHalf("once");
    assertThat(call(end(h, "pg", SysFlag.TRANSACTION_COMMIT_TYPE)).code())
        .isEqualTo(ResponseCode.SUCCESS);
    RemotingCommand again = call(end(h, "pg", SysFlag.TRANSACTION_COMMIT_TYPE));
    RemotingCommand contradicting = call(end(h, "pg", SysFlag.TRANSACTION_ROLLBACK_TYPE));
    assertThat(again.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(again.remark()).contains("already ended");
    assertThat(contradicting.remark()).contains("already ended");
    assertThat(delivered("once")).hasSize(1);

    Half r = sendHalf("rolled-back");
    assertThat(call(end(r, "pg", SysFlag.TRANSACTION_ROLLBACK_TYPE)).code())
        .isEqualTo(ResponseCode.SUCCESS);
    assertThat(call(end(r, "pg", SysFlag.TRANSACTION_COMMIT_TYPE)).remark())
        .contains("already ended");
    assertThat(delivered("rolled-back")).isEmpty();
  }

  @Test
  void missingOrMalformedHeaderFieldsAreRefusedNamingTheField() throws Exception {
    Half h = sendHalf("bad-header");
    for (String field : List.of("producerGroup", "tranStateTableOffset", "commitLogOffset",
        "commitOrRollback", "msgId")) {
      RemotingCommand c = end(h, "pg", SysFlag.TRANSACTION_COMMIT_TYPE);
      c.extFields().remove(field);
      RemotingCommand r = call(c);
      assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
      assertThat(r.remark()).contains(field);
    }
    RemotingCommand c = end(h, "pg", 5);
    RemotingCommand r = call(c);
    assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(r.remark()).contains("commitOrRollback");
    c = end(h, "pg", SysFlag.TRANSACTION_COMMIT_TYPE);
    c.putExtField("commitLogOffset", "12x");
    assertThat(call(c).remark()).contains("commitLogOffset");
    assertThat(delivered("bad-header")).isEmpty();
  }

  @Test
  void offsetsThatDoNotNameTheHalfMessageAreRefusedAndNothingIsDelivered() throws Exception {
    Half h = sendHalf("bad-offsets");
    RemotingCommand nowhere = call(end(new Half("", h.uniqKey(), 987_654_321L, h.queueOffset()),
        "pg", SysFlag.TRANSACTION_COMMIT_TYPE));
    assertThat(nowhere.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(nowhere.remark()).contains("987654321");

    RemotingCommand negative = call(end(new Half("", h.uniqKey(), -5, h.queueOffset()), "pg",
        SysFlag.TRANSACTION_COMMIT_TYPE));
    assertThat(negative.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);

    RemotingCommand midRecord = call(end(new Half("", h.uniqKey(), h.commitLogOffset() + 7,
        h.queueOffset()), "pg", SysFlag.TRANSACTION_COMMIT_TYPE));
    assertThat(midRecord.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);

    RemotingCommand wrongQueueOffset = call(end(new Half("", h.uniqKey(), h.commitLogOffset(),
        h.queueOffset() + 1), "pg", SysFlag.TRANSACTION_COMMIT_TYPE));
    assertThat(wrongQueueOffset.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(wrongQueueOffset.remark()).contains("tranStateTableOffset");

    RemotingCommand wrongGroup = call(end(h, "other-pg", SysFlag.TRANSACTION_COMMIT_TYPE));
    assertThat(wrongGroup.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(wrongGroup.remark()).contains("producer group");

    RemotingCommand send = WireRequests.sendV2(WireRequests.V5, "TxEnd", 0, 0,
        "PGROUP\u0001pg\u0002", "plain".getBytes(StandardCharsets.UTF_8));
    RemotingCommand sent = call(send);
    long plain = OffsetMessageId.decode(sent.extField("msgId")).commitLogOffset();
    RemotingCommand notHalf = call(end(new Half("", h.uniqKey(), plain,
        Long.parseLong(sent.extField("queueOffset"))), "pg", SysFlag.TRANSACTION_COMMIT_TYPE));
    assertThat(notHalf.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(notHalf.remark()).contains("not a half message");

    assertThat(delivered("bad-offsets")).isEmpty();
    assertThat(call(end(h, "pg", SysFlag.TRANSACTION_COMMIT_TYPE)).code())
        .isEqualTo(ResponseCode.SUCCESS);
    assertThat(delivered("bad-offsets")).hasSize(1);
  }

  @Test
  void onewayEndsWithBadInputOrAnUnknownStateAreDroppedSilently() throws Exception {
    Half h = sendHalf("oneway");
    RemotingCommand bogus = end(new Half("", h.uniqKey(), 42, 42), "pg",
        SysFlag.TRANSACTION_COMMIT_TYPE);
    bogus.oneway(true);
    wire.oneway(bogus);
    RemotingCommand unknown = end(h, "pg", SysFlag.TRANSACTION_NOT_TYPE);
    unknown.oneway(true);
    wire.oneway(unknown);
    RemotingCommand commit = end(h, "pg", SysFlag.TRANSACTION_COMMIT_TYPE);
    commit.oneway(true);
    wire.oneway(commit);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> delivered("oneway").size() == 1);
  }
}
