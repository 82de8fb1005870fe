package io.apogeemq.store.flush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PeriodicFlushLoopTest {

  /** Records its rounds; the clock advances 10 ms each time the loop reads it. */
  private static final class Recording extends PeriodicFlushLoop {
    final List<Boolean> rounds = new CopyOnWriteArrayList<>();
    final AtomicInteger finalRounds = new AtomicInteger();

    Recording(AtomicLong clock, int thoroughMillis) {
      super("test-flush-loop", 1, thoroughMillis,
          () -> clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(10)));
    }

    @Override
    protected void round(boolean thorough) {
      rounds.add(thorough);
    }

    @Override
    protected void finalRound() {
      finalRounds.incrementAndGet();
    }
  }

  @Test
  void aRoundIsThoroughOnceTheThoroughIntervalHasPassedSinceTheLastThoroughOne() {
    Recording loop = new Recording(new AtomicLong(), 25);
    loop.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.rounds.size() >= 6);
    } finally {
      loop.stop();
    }
    // 10 ms per round: 10, 20 → normal; 30 ≥ 25 → thorough; then again every third round.
    assertThat(loop.rounds.subList(0, 6)).containsExactly(false, false, true, false, false, true);
  }

  @Test
  void stoppingRunsTheFinalRoundExactlyOnceOnTheLoopThread() {
    Recording loop = new Recording(new AtomicLong(), 1_000_000);
    loop.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> !loop.rounds.isEmpty());
    loop.stop();
    assertThat(loop.isAlive()).isFalse();
    assertThat(loop.finalRounds).hasValue(1);
    assertThat(loop.rounds).doesNotContain(true);
  }
}
