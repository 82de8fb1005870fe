package io.apogeemq.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProgressLineTest {

  private static LatencyStats.Interval interval(long messages, long errors, long... micros) {
    Histogram h = new Histogram(3);
    for (long m : micros) {
      h.recordValue(m);
    }
    return new LatencyStats.Interval(messages, errors, h);
  }

  @Test
  void showsRatePercentilesErrorsAndTotalsOfBothSides() {
    String line = ProgressLine.format(5.0, 0.5, interval(1000, 2, 800, 900, 3000),
        interval(500, 0, 1200), 61_234, 60_998);
    assertThat(line).isEqualTo("[    5s] send 2,000 msg/s p50 0.90 p99 3.00 ms err 2 |"
        + " recv 1,000 msg/s p50 1.20 p99 1.20 ms | total 61,234 / 60,998");
  }

  @Test
  void aSideWithoutSamplesShowsDashes() {
    String line = ProgressLine.format(1.0, 1.0, null, interval(42, 0), 0, 42);
    assertThat(line).isEqualTo("[    1s] recv 42 msg/s p50 - p99 - | total 42");
  }

  @Test
  void intervalsAddUpToTheTotal() {
    LatencyStats s = new LatencyStats();
    s.success(1, 100);
    s.success(32, 2000);
    LatencyStats.Interval first = s.interval();
    s.error(3, new IllegalStateException("broker busy"));
    s.success(1, 50);
    LatencyStats.Interval second = s.interval();
    assertThat(first.messages()).isEqualTo(33);
    assertThat(first.latencyMicros().getTotalCount()).isEqualTo(2);
    assertThat(second.messages()).isEqualTo(1);
    assertThat(second.errors()).isEqualTo(3);
    assertThat(s.total().getTotalCount()).isEqualTo(3);
    assertThat(s.firstError()).isEqualTo("IllegalStateException: broker busy");
  }
}
