package io.apogeemq.namesrv.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.namesrv.route.BrokerAddrKey;
import io.apogeemq.namesrv.route.BrokerRegistration;
import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.RouteTable;
import io.apogeemq.namesrv.route.TopicConfigEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BrokerLivenessScannerTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    final AtomicLong millis = new AtomicLong(1_000_000);

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
      return millis.get();
    }
  }

  @Test
  void scanRemovesOnlyBrokersSilentForMoreThan120Seconds() {
    ManualClock clock = new ManualClock();
    RouteTable routes = new RouteTable();
    routes.register(new BrokerRegistration("C", "a", "a:1", 0, "a:2", null, 120_000, false, new DataVersion(1, 1, 0),
        List.of(new TopicConfigEntry("T", 4, 4, 6, 0)), List.of(), null), clock.millis());
    try (BrokerLivenessScanner scanner = new BrokerLivenessScanner(routes, clock, 10_000)) {
      clock.millis.addAndGet(120_000);
      assertThat(scanner.scanOnce()).isEmpty();
      clock.millis.addAndGet(1);
      assertThat(scanner.scanOnce()).containsExactly(new BrokerAddrKey("C", "a:1"));
      assertThat(routes.route("T")).isEmpty();
    }
  }

  @Test
  void periodicScanRunsOnItsOwnNamedThreadAndStops() throws Exception {
    ManualClock clock = new ManualClock();
    RouteTable routes = new RouteTable();
    routes.register(new BrokerRegistration("C", "a", "a:1", 0, "a:2", null, 1_000, false, new DataVersion(1, 1, 0),
        List.of(new TopicConfigEntry("T", 4, 4, 6, 0)), List.of(), null), clock.millis());
    clock.millis.addAndGet(5_000);
    try (BrokerLivenessScanner scanner = new BrokerLivenessScanner(routes, clock, 20)) {
      scanner.start();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> routes.route("T").isEmpty());
      assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().startsWith("apogee-namesrv-liveness-"));
    }
    Thread.sleep(50);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("apogee-namesrv-liveness-") && t.isAlive());
  }
}
