package io.apogeemq.broker.config;

import java.util.Properties;

/**
 * Orderly-consumption queue locks (semantics.md §8.1).
 *
 * @param rebalanceLockMaxLiveTime how long (ms) a queue lock stays valid after its holder last
 *     locked it; the official broker reads it from the system property
 *     {@code rocketmq.broker.rebalance.lockMaxLiveTime} (default 60000)
 */
public record LockConfig(long rebalanceLockMaxLiveTime) {

  /** Key in {@code broker.conf}. */
  public static final String LOCK_MAX_LIVE_TIME = "rebalanceLockMaxLiveTime";

  public LockConfig {
    if (rebalanceLockMaxLiveTime < 1) {
      throw new ConfigException("broker config key '" + LOCK_MAX_LIVE_TIME + "': "
          + rebalanceLockMaxLiveTime + " must be at least 1 ms");
    }
  }

  public static LockConfig defaults() {
    return new LockConfig(60_000);
  }

  static LockConfig read(PropertyReader r) {
    return new LockConfig(r.longValue(LOCK_MAX_LIVE_TIME, 60_000, 1, 24L * 3600 * 1000));
  }

  void writeTo(Properties p) {
    p.setProperty(LOCK_MAX_LIVE_TIME, Long.toString(rebalanceLockMaxLiveTime));
  }
}
