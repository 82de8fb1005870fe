package io.apogeemq.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LatencyFaultTableTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Clock clock = new Clock() {
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
      return Instant.ofEpochMilli(now.get());
    }
  };

  @Test
  void penaltiesFollowThe514LatencyTable() {
    assertThat(LatencyFaultTable.penaltyFor(0)).isZero();
    assertThat(LatencyFaultTable.penaltyFor(549)).isZero();
    assertThat(LatencyFaultTable.penaltyFor(550)).isEqualTo(2_000);
    assertThat(LatencyFaultTable.penaltyFor(1_800)).isEqualTo(5_000);
    assertThat(LatencyFaultTable.penaltyFor(3_000)).isEqualTo(6_000);
    assertThat(LatencyFaultTable.penaltyFor(5_000)).isEqualTo(10_000);
    assertThat(LatencyFaultTable.penaltyFor(60_000)).isEqualTo(30_000);
  }

  @Test
  void failedBrokerIsAvoidedForTenSecondsThenAvailableAgain() {
    LatencyFaultTable t = new LatencyFaultTable(clock);
    t.update("b", 3, true);
    assertThat(t.isAvailable("b")).isFalse();
    assertThat(t.isAvailable("other")).isTrue();
    now.addAndGet(9_999);
    assertThat(t.isAvailable("b")).isFalse();
    now.addAndGet(1);
    assertThat(t.isAvailable("b")).isTrue();
  }

  @Test
  void aFastAnswerClearsAnEarlierPenalty() {
    LatencyFaultTable t = new LatencyFaultTable(clock);
    t.update("b", 600, false);
    assertThat(t.isAvailable("b")).isFalse();
    t.update("b", 5, false);
    assertThat(t.isAvailable("b")).isTrue();
  }
}
