package io.apogeemq.broker.config;

import io.apogeemq.broker.schedule.DelayLevels;
import java.util.Properties;

/**
 * The {@code broker.conf} keys of scheduled delivery (config.md §2): delay levels and timer
 * messages.
 *
 * @param messageDelayLevel the delay-level table (default 18 levels, 1 s .. 2 h)
 * @param flushDelayOffsetInterval period (ms) of persisting {@code config/delayOffset.json}
 * @param timerWheelEnable accept timer messages (5.x {@code TIMER_*} properties)
 * @param timerPrecisionMs time slot of the timer wheel (ms); delivery itself is to the ms
 * @param timerMaxDelaySec longest accepted timer delay (s)
 * @param timerFlushIntervalMs period (ms) of the timer store checkpoint
 */
public record ScheduleConfig(DelayLevels messageDelayLevel, long flushDelayOffsetInterval,
    boolean timerWheelEnable, int timerPrecisionMs, int timerMaxDelaySec,
    int timerFlushIntervalMs) {

  /** RocketMQ's defaults. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(DelayLevels.defaults(), 10_000, true, 1000, 259_200, 1000);
  }

  /** Reads and checks the keys; a bad value throws {@link ConfigException} naming its key. */
  static ScheduleConfig read(PropertyReader r) {
    String spec = r.string("messageDelayLevel", DelayLevels.DEFAULT_SPEC);
    DelayLevels levels;
    try {
      levels = DelayLevels.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("broker config key 'messageDelayLevel': '" + spec + "': "
          + e.getMessage(), e);
    }
    return new ScheduleConfig(levels,
        r.longValue("flushDelayOffsetInterval", 10_000, 1, Long.MAX_VALUE),
        r.bool("timerWheelEnable", true),
        r.integer("timerPrecisionMs", 1000, 10, 60_000),
        r.integer("timerMaxDelaySec", 259_200, 1, 30 * 86_400),
        r.integer("timerFlushIntervalMs", 1000, 10, 3_600_000));
  }

  /** Writes the keys as a {@code broker.conf} holds them. */
  void writeTo(Properties p) {
    p.setProperty("messageDelayLevel", messageDelayLevel.spec());
    p.setProperty("flushDelayOffsetInterval", Long.toString(flushDelayOffsetInterval));
    p.setProperty("timerWheelEnable", Boolean.toString(timerWheelEnable));
    p.setProperty("timerPrecisionMs", Integer.toString(timerPrecisionMs));
    p.setProperty("timerMaxDelaySec", Integer.toString(timerMaxDelaySec));
    p.setProperty("timerFlushIntervalMs", Integer.toString(timerFlushIntervalMs));
  }
}
