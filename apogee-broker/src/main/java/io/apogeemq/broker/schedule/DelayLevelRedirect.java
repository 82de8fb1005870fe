package io.apogeemq.broker.schedule;

import io.apogeemq.broker.send.MessageRedirect;
import io.apogeemq.broker.send.SchedulingKeys;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;
import java.util.List;
import java.util.Map;

/**
 * Parks delay-level messages (semantics.md §2.2): a non-transactional or commit message with
 * {@code DELAY=<level>} above 0 is stored in {@code SCHEDULE_TOPIC_XXXX}, queue {@code level-1},
 * with its destination in {@code REAL_TOPIC}/{@code REAL_QID}. A level above the table's maximum
 * is clamped to it (and {@code DELAY} rewritten), as RocketMQ does; the timer properties are
 * dropped (a level wins over a timer). {@code DELAY} of 0 or below is a normal message; a
 * {@code DELAY} that is not an integer is refused with {@code MESSAGE_ILLEGAL}.
 *
 * <p>Pure and thread-safe.
 */
public final class DelayLevelRedirect implements MessageRedirect {

  private static final List<String> TIMER_KEYS = List.of(PropertyKeys.TIMER_DELIVER_MS,
      PropertyKeys.TIMER_DELAY_SEC, PropertyKeys.TIMER_DELAY_MS);

  private final DelayLevels levels;

  public DelayLevelRedirect(DelayLevels levels) {
    this.levels = levels;
  }

  @Override
  public AppendMessage redirect(AppendMessage m) {
    return redirect(m, SchedulingKeys.of(m.properties()));
  }

  @Override
  public AppendMessage redirect(AppendMessage m, SchedulingKeys keys) {
    int level = requestedLevel(m, keys.delay());
    if (level <= 0) {
      return m;
    }
    int type = SysFlag.transactionType(m.sysFlag());
    if (type != SysFlag.TRANSACTION_NOT_TYPE && type != SysFlag.TRANSACTION_COMMIT_TYPE) {
      return m;
    }
    int clamped = levels.clamp(level);
    return RealDestination.park(m, NameRules.SCHEDULE_TOPIC, clamped - 1, TIMER_KEYS,
        Map.of(PropertyKeys.DELAY_TIME_LEVEL, Integer.toString(clamped)));
  }

  /**
   * The {@code DELAY} level a message asks for, 0 when none.
   *
   * @throws CommandException {@code MESSAGE_ILLEGAL} when the value is not an integer
   */
  public static int requestedLevel(AppendMessage m) {
    return requestedLevel(m, MessageProperties.find(m.properties(), PropertyKeys.DELAY_TIME_LEVEL));
  }

  /**
   * {@link #requestedLevel(AppendMessage)} with {@code delay} = its {@code DELAY} property (or null).
   *
   * @throws CommandException {@code MESSAGE_ILLEGAL} when the value is not an integer
   */
  public static int requestedLevel(AppendMessage m, String delay) {
    if (delay == null) {
      return 0;
    }
    try {
      return Integer.parseInt(delay.trim());
    } catch (NumberFormatException e) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "property DELAY='" + delay
          + "' of a message to topic " + m.topic() + " is not a delay level (an integer)");
    }
  }
}
