package io.apogeemq.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.common.message.BodyCrc;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HalfMessagesTest {

  private static final MessageHost BORN = MessageHost.of(new byte[] {10, 0, 0, 1}, 5000);
  private static final MessageHost STORE = MessageHost.of(new byte[] {127, 0, 0, 1}, 10911);
  private static final byte[] BODY = "payload".getBytes(StandardCharsets.UTF_8);

  private static AppendMessage prepared(String extraProps) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(PropertyKeys.TRANSACTION_PREPARED, "true");
    p.put(PropertyKeys.PRODUCER_GROUP, "pg");
    p.put(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "U1");
    p.put(PropertyKeys.TAGS, "t");
    return new AppendMessage("Orders", 3, 7, BODY, MessageProperties.encode(p) + extraProps,
        SysFlag.TRANSACTION_PREPARED_TYPE, 1000, BORN, STORE, 0, 0, true);
  }

  private static MessageRecord stored(AppendMessage m, long queueOffset, long physicalOffset) {
    return new MessageRecord(m.topic(), m.queueId(), m.flag(), queueOffset, physicalOffset,
        m.sysFlag(), m.bornTimestamp(), m.bornHost(), 2000, m.storeHost(), 0,
        m.preparedTransactionOffset(), BodyCrc.of(m.body()), m.body(), m.properties());
  }

  @Test
  void aPreparedMessageIsParkedInHalfQueueZeroWithItsRealTopicAndQueueKept() {
    AppendMessage half = new HalfMessageRedirect(false).redirect(prepared(
        "TRAN_PREPARED_QUEUE_OFFSET\u00019\u0002"));
    assertThat(half.topic()).isEqualTo(NameRules.TRANS_HALF_TOPIC);
    assertThat(half.queueId()).isZero();
    assertThat(SysFlag.transactionType(half.sysFlag())).isEqualTo(SysFlag.TRANSACTION_NOT_TYPE);
    Map<String, String> p = MessageProperties.decode(half.properties());
    assertThat(p).containsEntry(PropertyKeys.REAL_TOPIC, "Orders")
        .containsEntry(PropertyKeys.REAL_QUEUE_ID, "3")
        .containsEntry(PropertyKeys.TRANSACTION_ID, "U1")
        .doesNotContainKey(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET);
    assertThat(half.body()).isSameAs(BODY);
  }

  @Test
  void plainMessagesPassAndRejectingBrokersRefuseWithNoPermission() {
    AppendMessage plain = new AppendMessage("Orders", 1, 0, BODY, "", 0, 1, BORN, STORE, 0, 0,
        true);
    assertThat(new HalfMessageRedirect(false).redirect(plain)).isSameAs(plain);
    assertThatThrownBy(() -> new HalfMessageRedirect(true).redirect(prepared("")))
        .isInstanceOfSatisfying(CommandException.class, e ->
            assertThat(e.responseCode()).isEqualTo(ResponseCode.NO_PERMISSION))
        .hasMessageContaining("rejectTransactionMessage").hasMessageContaining("Orders");
  }

  @Test
  void aCommitRestoresTheRealTopicAndLinksBothOffsets() {
    MessageRecord half = stored(HalfMessages.toHalf(prepared("")), 12, 4096);
    AppendMessage c = HalfMessages.committed(half, 12, STORE);
    assertThat(c.topic()).isEqualTo("Orders");
    assertThat(c.queueId()).isEqualTo(3);
    assertThat(c.flag()).isEqualTo(7);
    assertThat(c.bornTimestamp()).isEqualTo(1000);
    assertThat(c.preparedTransactionOffset()).isEqualTo(4096);
    assertThat(SysFlag.transactionType(c.sysFlag())).isEqualTo(SysFlag.TRANSACTION_COMMIT_TYPE);
    Map<String, String> p = MessageProperties.decode(c.properties());
    assertThat(p).doesNotContainKeys(PropertyKeys.REAL_TOPIC, PropertyKeys.REAL_QUEUE_ID,
            PropertyKeys.TRANSACTION_PREPARED, PropertyKeys.TRANSACTION_CHECK_TIMES)
        .containsEntry(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET, "12")
        .containsEntry(PropertyKeys.PRODUCER_GROUP, "pg")
        .containsEntry(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "U1");
  }

  @Test
  void aCopyKeepsItsOriginAndCountsChecksAndIsShownToTheProducerUnderItsRealTopic() {
    MessageRecord original = stored(HalfMessages.toHalf(prepared("")), 12, 4096);
    assertThat(HalfMessages.originOf(original)).isEqualTo(12);
    assertThat(HalfMessages.checkTimes(original)).isZero();
    MessageRecord copy = stored(HalfMessages.requeued(original, 12, 1, STORE), 40, 9000);
    assertThat(HalfMessages.originOf(copy)).isEqualTo(12);
    assertThat(HalfMessages.checkTimes(copy)).isEqualTo(1);
    MessageRecord again = stored(HalfMessages.requeued(copy, 12, 2, STORE), 41, 9500);
    assertThat(HalfMessages.originOf(again)).isEqualTo(12);
    assertThat(HalfMessages.checkTimes(again)).isEqualTo(2);
    MessageRecord shown = HalfMessages.forProducer(again);
    assertThat(shown.topic()).isEqualTo("Orders");
    assertThat(shown.queueId()).isEqualTo(3);
    assertThat(shown.queueOffset()).isEqualTo(41);
    assertThat(shown.physicalOffset()).isEqualTo(9500);
  }

  @Test
  void opRecordsListTheOriginsTheyEndInBothTheFourAndFiveFormats() {
    AppendMessage op = HalfMessages.opRecord(12, 5, STORE);
    assertThat(op.topic()).isEqualTo(NameRules.TRANS_OP_HALF_TOPIC);
    assertThat(MessageProperties.find(op.properties(), PropertyKeys.TAGS)).isEqualTo("d");
    assertThat(HalfMessages.opOrigins(op.body())).containsExactly(12);
    assertThat(HalfMessages.opOrigins("7".getBytes(StandardCharsets.US_ASCII))).containsExactly(7);
    assertThat(HalfMessages.opOrigins("1,2,x,3,".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void aProducerImmunityIsReadInSecondsAndIgnoredWhenUnusable() {
    MessageRecord half = stored(HalfMessages.toHalf(prepared(
        "CHECK_IMMUNITY_TIME_IN_SECONDS\u000160\u0002")), 1, 1);
    assertThat(HalfMessages.customImmunityMillis(half)).isEqualTo(60_000);
    MessageRecord bad = stored(HalfMessages.toHalf(prepared(
        "CHECK_IMMUNITY_TIME_IN_SECONDS\u0001soon\u0002")), 1, 1);
    assertThat(HalfMessages.customImmunityMillis(bad)).isEqualTo(-1);
  }
}
