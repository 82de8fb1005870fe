package io.apogeemq.client.internal;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latency-based broker avoidance (semantics.md §1.3, the 5.1.4+ table): after each send attempt
 * the broker's latency maps to a penalty window during which producers prefer other brokers.
 * A failed attempt counts as a latency of 10 s (a 10 s window).
 *
 * <p>Thread-safe: one concurrent map of immutable end times.
 */
public final class LatencyFaultTable {

  private static final long[] LATENCY_MS = {50, 100, 550, 1_800, 3_000, 5_000, 15_000};
  private static final long[] PENALTY_MS = {0, 0, 2_000, 5_000, 6_000, 10_000, 30_000};
  /** Latency assumed for an attempt that failed. */
  public static final long ISOLATION_LATENCY_MS = 10_000;

  private final Clock clock;
  private final ConcurrentHashMap<String, Long> unavailableUntil = new ConcurrentHashMap<>();

  public LatencyFaultTable(Clock clock) {
    this.clock = clock;
  }

  /** Records an attempt on {@code brokerName} that took {@code latencyMillis} or failed. */
  public void update(String brokerName, long latencyMillis, boolean failed) {
    long latency = failed ? ISOLATION_LATENCY_MS : latencyMillis;
    long penalty = penaltyFor(latency);
    if (penalty == 0) {
      unavailableUntil.remove(brokerName);
    } else {
      unavailableUntil.put(brokerName, clock.millis() + penalty);
    }
  }

  /** The penalty window for a latency: the entry of the largest threshold not above it. */
  static long penaltyFor(long latencyMillis) {
    for (int i = LATENCY_MS.length - 1; i >= 0; i--) {
      if (latencyMillis >= LATENCY_MS[i]) {
        return PENALTY_MS[i];
      }
    }
    return 0;
  }

  /** True when {@code brokerName} is outside its penalty window. */
  public boolean isAvailable(String brokerName) {
    Long until = unavailableUntil.get(brokerName);
    return until == null || clock.millis() >= until;
  }
}
