package io.apogeemq.broker.config;

import io.apogeemq.broker.schedule.DelayLevels;
import java.util.Properties;

/**
 * The {@code broker.conf} keys of scheduled delivery (config.md §2): delay levels.
 *
 * @param messageDelayLevel the delay-level table (default 18 levels, 1 s .. 2 h)
 * @param flushDelayOffsetInterval period (ms) of persisting {@code config/delayOffset.json}
 */
public record ScheduleConfig(DelayLevels messageDelayLevel, long flushDelayOffsetInterval) {

  /** RocketMQ's defaults. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(DelayLevels.defaults(), 10_000);
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
        r.longValue("flushDelayOffsetInterval", 10_000, 1, Long.MAX_VALUE));
  }

  /** Writes the keys as a {@code broker.conf} holds them. */
  void writeTo(Properties p) {
    p.setProperty("messageDelayLevel", messageDelayLevel.spec());
    p.setProperty("flushDelayOffsetInterval", Long.toString(flushDelayOffsetInterval));
  }
}
