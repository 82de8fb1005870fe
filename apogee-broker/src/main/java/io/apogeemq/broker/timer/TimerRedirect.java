package io.apogeemq.broker.timer;

import io.apogeemq.broker.schedule.DelayLevelRedirect;
import io.apogeemq.broker.schedule.RealDestination;
import io.apogeemq.broker.send.MessageRedirect;
import io.apogeemq.broker.send.SchedulingKeys;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Parks timer messages (semantics.md §3.2): a non-transactional or commit message with
 * {@code TIMER_DELAY_SEC}, {@code TIMER_DELAY_MS} or {@code TIMER_DELIVER_MS} (checked in that
 * order of priority, as the official broker does) whose delivery time is in the future is stored
 * in the timer topic {@value TimerTopic#NAME} queue 0 with its destination in
 * {@code REAL_TOPIC}/{@code REAL_QID} and the exact delivery time in {@code TIMER_OUT_MS}.
 *
 * <ul>
 *   <li>A delivery time not in the future: a normal message (delivered at once).
 *   <li>A value that is not an integer, or negative: {@code MESSAGE_ILLEGAL} naming the property.
 *   <li>A delay beyond {@code timerMaxDelaySec}: {@code MESSAGE_ILLEGAL} with both numbers.
 *   <li>{@code timerWheelEnable=false}: {@code SYSTEM_ERROR}.
 *   <li>A {@code DELAY} level as well: left to {@link DelayLevelRedirect} (the level wins).
 *   <li>A cancellation marker ({@code TIMER_DEL_UNIQKEY}, value {@code <realTopic>+<uniqKey>})
 *       is parked like any timer message; without a delivery time in the future it is
 *       {@code MESSAGE_ILLEGAL}, as on the official broker. It cancels the pending message with
 *       that key due in the same time slot ({@code timerPrecisionMs}): see
 *       {@link TimerDeliveryLoop}.
 * </ul>
 *
 * <p>Unlike RocketMQ, the delivery time is not rounded down to {@code timerPrecisionMs}: the
 * message is delivered at its millisecond, never early.
 *
 * <p>Pure (apart from reading the clock) and thread-safe.
 */
public final class TimerRedirect implements MessageRedirect {

  private static final List<String> RELATIVE_KEYS = List.of(PropertyKeys.TIMER_DELAY_SEC,
      PropertyKeys.TIMER_DELAY_MS);

  private final Clock clock;
  private final boolean enabled;
  private final long maxDelayMs;

  public TimerRedirect(Clock clock, boolean enabled, long maxDelaySec) {
    this.clock = clock;
    this.enabled = enabled;
    this.maxDelayMs = maxDelaySec * 1000;
  }

  @Override
  public AppendMessage redirect(AppendMessage m) {
    return redirect(m, SchedulingKeys.of(m.properties()));
  }

  @Override
  public AppendMessage redirect(AppendMessage m, SchedulingKeys keys) {
    String sec = keys.timerDelaySec();
    String ms = keys.timerDelayMs();
    String at = keys.timerDeliverMs();
    String cancel = keys.timerCancel();
    if (sec == null && ms == null && at == null) {
      if (cancel != null) {
        throw illegalCancel(m, cancel);
      }
      return m;
    }
    if (DelayLevelRedirect.requestedLevel(m, keys.delay()) > 0) {
      return m;
    }
    int type = SysFlag.transactionType(m.sysFlag());
    if (type != SysFlag.TRANSACTION_NOT_TYPE && type != SysFlag.TRANSACTION_COMMIT_TYPE) {
      return m;
    }
    if (!enabled) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "timer messages are disabled on "
          + "this broker (timerWheelEnable=false); topic " + m.topic());
    }
    long now = clock.millis();
    long deliverMs;
    if (sec != null) {
      deliverMs = now + Math.multiplyExact(number(m, PropertyKeys.TIMER_DELAY_SEC, sec), 1000L);
    } else if (ms != null) {
      deliverMs = now + number(m, PropertyKeys.TIMER_DELAY_MS, ms);
    } else {
      deliverMs = number(m, PropertyKeys.TIMER_DELIVER_MS, at);
    }
    if (deliverMs <= now) {
      if (cancel != null) {
        throw illegalCancel(m, cancel);
      }
      return m;
    }
    if (deliverMs - now > maxDelayMs) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "timer message to topic "
          + m.topic() + " is due in " + (deliverMs - now) + " ms, beyond timerMaxDelaySec="
          + maxDelayMs / 1000 + " s");
    }
    return RealDestination.park(m, TimerTopic.NAME, 0, RELATIVE_KEYS,
        Map.of(PropertyKeys.TIMER_OUT_MS, Long.toString(deliverMs)));
  }

  private static CommandException illegalCancel(AppendMessage m, String key) {
    return new CommandException(ResponseCode.MESSAGE_ILLEGAL, "timer cancellation "
        + PropertyKeys.TIMER_DEL_UNIQKEY + "=" + key + " sent to topic " + m.topic()
        + " needs a delivery time in the future (the one of the message it cancels)");
  }

  private static long number(AppendMessage m, String key, String value) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "timer property " + key + "='"
          + value + "' of a message to topic " + m.topic() + " is not an integer");
    }
    if (n < 0 || n > 100L * 365 * 86_400_000L) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "timer property " + key + "="
          + value + " of a message to topic " + m.topic() + " is out of range (negative or "
          + "absurdly large)");
    }
    return n;
  }
}
