package io.apogeemq.namesrv.liveness;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.namesrv.route.BrokerAddrKey;
import io.apogeemq.namesrv.route.RouteTable;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes brokers that stopped registering: every {@code intervalMillis} it asks the route table to
 * drop every broker address silent for longer than its timeout (120 s unless the broker said
 * otherwise), measured with the injected clock.
 *
 * <p>Owns one daemon thread named {@code apogee-namesrv-liveness-N}, started by {@link #start()} and
 * stopped (and joined) by {@link #close()}. {@link #scanOnce()} runs a scan on the caller's thread,
 * which is how tests drive it with a fake clock. Thread-safe.
 */
public final class BrokerLivenessScanner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerLivenessScanner.class);

  private final RouteTable routes;
  private final Clock clock;
  private final long intervalMillis;
  private final ScheduledExecutorService executor;

  public BrokerLivenessScanner(RouteTable routes, Clock clock, long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("scan interval must be positive: " + intervalMillis);
    }
    this.routes = Objects.requireNonNull(routes);
    this.clock = Objects.requireNonNull(clock);
    this.intervalMillis = intervalMillis;
    this.executor = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("apogee-namesrv-liveness"));
  }

  /** Schedules the periodic scan (first one after {@code intervalMillis}). */
  public void start() {
    executor.scheduleWithFixedDelay(this::scanSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs one scan now and returns the broker addresses it removed. */
  public List<BrokerAddrKey> scanOnce() {
    List<BrokerAddrKey> removed = routes.removeExpired(clock.millis());
    for (BrokerAddrKey key : removed) {
      LOG.warn("Broker {} of cluster {} expired: no registration within its timeout; removed from routes",
          key.brokerAddr(), key.cluster());
    }
    return removed;
  }

  private void scanSafely() {
    try {
      scanOnce();
    } catch (RuntimeException e) {
      LOG.error("Broker liveness scan failed", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Broker liveness scanner did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
