package io.apogeemq.broker.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.ConfigException;
import io.apogeemq.broker.config.ScheduleConfig;
import io.apogeemq.broker.schedule.DelayLevelRedirect;
import io.apogeemq.broker.schedule.DelayLevels;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerRedirectTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 1));
  private final TimerRedirect redirect = new TimerRedirect(
      Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), true, 60);

  private static AppendMessage message(int sysFlag, String... kv) {
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return new AppendMessage("Orders", 2, 0, new byte[1], MessageProperties.encode(props),
        sysFlag, NOW, HOST, HOST, 0, 0, true);
  }

  private static Map<String, String> props(AppendMessage m) {
    return MessageProperties.decode(m.properties());
  }

  @Test
  void aDeliveryTimeParksTheMessageInTheTimerTopicWithItsExactTime() {
    AppendMessage parked = redirect.redirect(message(0, "TIMER_DELIVER_MS",
        Long.toString(NOW + 3_200), "TAGS", "A"));
    assertThat(parked.topic()).isEqualTo(TimerTopic.NAME);
    assertThat(parked.queueId()).isZero();
    assertThat(props(parked)).containsEntry("TIMER_OUT_MS", Long.toString(NOW + 3_200))
        .containsEntry("REAL_TOPIC", "Orders").containsEntry("REAL_QID", "2")
        .containsEntry("TAGS", "A");
  }

  @Test
  void secondsWinOverMillisecondsWhichWinOverADeliveryTime() {
    assertThat(props(redirect.redirect(message(0, "TIMER_DELAY_SEC", "5", "TIMER_DELAY_MS",
        "700", "TIMER_DELIVER_MS", "9"))))
        .containsEntry("TIMER_OUT_MS", Long.toString(NOW + 5_000))
        .doesNotContainKeys("TIMER_DELAY_SEC", "TIMER_DELAY_MS");
    assertThat(props(redirect.redirect(message(0, "TIMER_DELAY_MS", "700", "TIMER_DELIVER_MS",
        "9")))).containsEntry("TIMER_OUT_MS", Long.toString(NOW + 700));
  }

  @Test
  void aTimeNotInTheFutureALevelOrAPreparedTransactionIsNotParked() {
    AppendMessage past = message(0, "TIMER_DELIVER_MS", Long.toString(NOW));
    assertThat(redirect.redirect(past)).isSameAs(past);
    AppendMessage zero = message(0, "TIMER_DELAY_MS", "0");
    assertThat(redirect.redirect(zero)).isSameAs(zero);
    AppendMessage level = message(0, "DELAY", "2", "TIMER_DELAY_SEC", "5");
    assertThat(redirect.redirect(level)).isSameAs(level);
    assertThat(new DelayLevelRedirect(DelayLevels.defaults()).redirect(level).topic())
        .isEqualTo(NameRules.SCHEDULE_TOPIC);
    AppendMessage prepared = message(SysFlag.TRANSACTION_PREPARED_TYPE, "TIMER_DELAY_SEC", "5");
    assertThat(redirect.redirect(prepared)).isSameAs(prepared);
  }

  @Test
  void badValuesAndDelaysBeyondTheMaximumAreIllegalNamingTheProblem() {
    assertRefused(message(0, "TIMER_DELAY_SEC", "61"), ResponseCode.MESSAGE_ILLEGAL,
        "timerMaxDelaySec=60");
    assertRefused(message(0, "TIMER_DELIVER_MS", Long.toString(NOW + 60_001)),
        ResponseCode.MESSAGE_ILLEGAL, "beyond");
    assertRefused(message(0, "TIMER_DELAY_MS", "-5"), ResponseCode.MESSAGE_ILLEGAL,
        "TIMER_DELAY_MS=-5");
    assertRefused(message(0, "TIMER_DELIVER_MS", "tomorrow"), ResponseCode.MESSAGE_ILLEGAL,
        "TIMER_DELIVER_MS='tomorrow'");
    assertRefused(message(0, "TIMER_DELAY_SEC", "99999999999999999"),
        ResponseCode.MESSAGE_ILLEGAL, "out of range");
    TimerRedirect off = new TimerRedirect(Clock.systemUTC(), false, 60);
    assertThatThrownBy(() -> off.redirect(message(0, "TIMER_DELAY_SEC", "1")))
        .isInstanceOfSatisfying(CommandException.class, e ->
            assertThat(e.responseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR))
        .hasMessageContaining("timerWheelEnable=false");
  }

  @Test
  void aCancellationIsParkedWithItsDeliveryTimeAndIllegalWithoutAFutureOne() {
    AppendMessage cancel = redirect.redirect(message(0, "TIMER_DELIVER_MS",
        Long.toString(NOW + 3_000), "TIMER_DEL_UNIQKEY", "Orders+ABC"));
    assertThat(cancel.topic()).isEqualTo(TimerTopic.NAME);
    assertThat(props(cancel)).containsEntry("TIMER_DEL_UNIQKEY", "Orders+ABC")
        .containsEntry("TIMER_OUT_MS", Long.toString(NOW + 3_000));
    assertRefused(message(0, "TIMER_DEL_UNIQKEY", "Orders+ABC"), ResponseCode.MESSAGE_ILLEGAL,
        "TIMER_DEL_UNIQKEY=Orders+ABC");
    assertRefused(message(0, "TIMER_DELIVER_MS", Long.toString(NOW - 1), "TIMER_DEL_UNIQKEY",
        "Orders+ABC"), ResponseCode.MESSAGE_ILLEGAL, "in the future");
  }

  private void assertRefused(AppendMessage m, int code, String text) {
    assertThatThrownBy(() -> redirect.redirect(m))
        .isInstanceOfSatisfying(CommandException.class, e ->
            assertThat(e.responseCode()).isEqualTo(code))
        .hasMessageContaining(text).hasMessageContaining("Orders");
  }

  @Test
  void theTimerKeysHaveRocketMqDefaultsAndBadValuesNameTheirKey() {
    Path root = Path.of("target", "unused");
    assertThat(BrokerConfig.defaults(root).schedule()).isEqualTo(ScheduleConfig.defaults());
    Properties p = new Properties();
    p.setProperty("storePathRootDir", root.toString());
    p.setProperty("timerPrecisionMs", "5");
    assertThatThrownBy(() -> BrokerConfig.fromProperties(p, w -> { }))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'timerPrecisionMs'");
    p.setProperty("timerPrecisionMs", "100");
    p.setProperty("timerMaxDelaySec", "soon");
    assertThatThrownBy(() -> BrokerConfig.fromProperties(p, w -> { }))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'timerMaxDelaySec'");
  }
}
