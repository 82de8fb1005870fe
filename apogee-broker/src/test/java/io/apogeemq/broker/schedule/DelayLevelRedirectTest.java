package io.apogeemq.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DelayLevelRedirectTest {

  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 1));
  private final DelayLevelRedirect redirect = new DelayLevelRedirect(DelayLevels.parse("1s 2s 3s"));

  private static AppendMessage message(int sysFlag, String... kv) {
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return new AppendMessage("Orders", 3, 7, new byte[] {1, 2}, MessageProperties.encode(props),
        sysFlag, 1234L, HOST, HOST, 2, 0, true);
  }

  @Test
  void aDelayLevelParksTheMessageInTheScheduleQueueOfItsLevelKeepingItsDestination() {
    AppendMessage m = message(0, "TAGS", "A", "DELAY", "2", "UNIQ_KEY", "U1");
    AppendMessage parked = redirect.redirect(m);
    assertThat(parked.topic()).isEqualTo(NameRules.SCHEDULE_TOPIC);
    assertThat(parked.queueId()).isEqualTo(1);
    Map<String, String> props = MessageProperties.decode(parked.properties());
    assertThat(props).containsEntry("REAL_TOPIC", "Orders").containsEntry("REAL_QID", "3")
        .containsEntry("TAGS", "A").containsEntry("UNIQ_KEY", "U1").containsEntry("DELAY", "2");
    assertThat(parked.body()).isSameAs(m.body());
    assertThat(parked.flag()).isEqualTo(7);
    assertThat(parked.reconsumeTimes()).isEqualTo(2);
    assertThat(parked.bornTimestamp()).isEqualTo(1234L);
  }

  @Test
  void aLevelAboveTheMaximumIsClampedAndALevelWinsOverTimerProperties() {
    AppendMessage parked = redirect.redirect(message(0, "DELAY", "40", "TIMER_DELIVER_MS", "5",
        "TIMER_DELAY_SEC", "3", "TIMER_DELAY_MS", "9"));
    assertThat(parked.queueId()).isEqualTo(2);
    assertThat(MessageProperties.decode(parked.properties())).containsEntry("DELAY", "3")
        .doesNotContainKeys("TIMER_DELIVER_MS", "TIMER_DELAY_SEC", "TIMER_DELAY_MS");
  }

  @Test
  void noPositiveLevelOrAPreparedTransactionPassesThroughUntouched() {
    for (AppendMessage m : List.of(message(0), message(0, "DELAY", "0"),
        message(0, "DELAY", "-3"),
        message(SysFlag.TRANSACTION_PREPARED_TYPE, "DELAY", "2"),
        message(SysFlag.TRANSACTION_ROLLBACK_TYPE, "DELAY", "2"))) {
      assertThat(redirect.redirect(m)).isSameAs(m);
    }
    assertThat(redirect.redirect(message(SysFlag.TRANSACTION_COMMIT_TYPE, "DELAY", "1")).topic())
        .isEqualTo(NameRules.SCHEDULE_TOPIC);
  }

  @Test
  void aDelayThatIsNotANumberIsRefusedAsIllegalNamingTheTopic() {
    assertThatThrownBy(() -> redirect.redirect(message(0, "DELAY", "2s")))
        .isInstanceOfSatisfying(CommandException.class, e ->
            assertThat(e.responseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL))
        .hasMessageContaining("DELAY='2s'").hasMessageContaining("Orders");
  }

  @Test
  void restoringAParkedRecordGivesTheRealDestinationWithoutSchedulingProperties() {
    AppendMessage parked = redirect.redirect(message(0, "TAGS", "A", "DELAY", "2",
        "UNIQ_KEY", "U1"));
    MessageRecord rec = new MessageRecord(parked.topic(), parked.queueId(), parked.flag(), 5, 900,
        parked.sysFlag(), parked.bornTimestamp(), HOST, 2000, HOST, parked.reconsumeTimes(), 0, 0,
        parked.body(), parked.properties());
    AppendMessage real = RealDestination.restore(rec);
    assertThat(real.topic()).isEqualTo("Orders");
    assertThat(real.queueId()).isEqualTo(3);
    assertThat(real.flag()).isEqualTo(7);
    assertThat(real.reconsumeTimes()).isEqualTo(2);
    assertThat(real.body()).containsExactly(1, 2);
    assertThat(MessageProperties.decode(real.properties())).doesNotContainKey("DELAY")
        .containsEntry("TAGS", "A").containsEntry("UNIQ_KEY", "U1")
        .containsEntry("REAL_TOPIC", "Orders");

    AppendMessage timer = RealDestination.restore(rec, List.of("REAL_TOPIC", "REAL_QID"),
        Map.of("TIMER_DEQUEUE_MS", "77"));
    assertThat(MessageProperties.decode(timer.properties())).doesNotContainKeys("REAL_TOPIC",
        "REAL_QID").containsEntry("TIMER_DEQUEUE_MS", "77");
  }

  @Test
  void aParkedRecordWithoutAValidRealDestinationIsRejectedNamingWhereItLies() {
    MessageRecord rec = new MessageRecord(NameRules.SCHEDULE_TOPIC, 1, 0, 5, 900, 0, 1, HOST, 2,
        HOST, 0, 0, 0, new byte[0], MessageProperties.encode(Map.of("REAL_TOPIC", "T",
            "REAL_QID", "x")));
    assertThatThrownBy(() -> RealDestination.restore(rec))
        .hasMessageContaining("offset 5").hasMessageContaining("REAL_QID=x");
  }
}
