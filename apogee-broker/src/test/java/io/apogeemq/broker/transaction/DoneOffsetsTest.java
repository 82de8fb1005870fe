package io.apogeemq.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DoneOffsetsTest {

  @Test
  void onlyOneResolverIsAdmittedUntilItAbandons() {
    DoneOffsets done = new DoneOffsets(0);
    assertThat(done.tryClaim(5)).isTrue();
    assertThat(done.tryClaim(5)).isFalse();
    done.abandon(5);
    assertThat(done.isDone(5)).isFalse();
    assertThat(done.tryClaim(5)).isTrue();
    done.complete(5);
    assertThat(done.isDone(5)).isTrue();
    assertThat(done.tryClaim(5)).isFalse();
  }

  @Test
  void aSnapshotHoldsCompletedOffsetsButNotClaimedOnes() {
    DoneOffsets done = new DoneOffsets(0);
    done.tryClaim(1);
    done.tryClaim(2);
    done.complete(2);
    DoneOffsets restored = DoneOffsets.restore(done.snapshot());
    assertThat(restored.isDone(1)).isFalse();
    assertThat(restored.isDone(2)).isTrue();
  }

  @Test
  void memoryFollowsTheOldestUnendedTransactionNotTheTotal() {
    DoneOffsets done = new DoneOffsets(0);
    for (long o = 0; o < 1_000_000; o++) {
      done.markDone(o);
    }
    assertThat(done.floor()).isEqualTo(1_000_000);
    assertThat(done.window()).isLessThanOrEqualTo(64 * 64);
    assertThat(done.snapshot().words()).isEmpty();
  }

  @Test
  void anOffsetFarBeyondTheWindowIsRefusedNotAllocated() {
    DoneOffsets done = new DoneOffsets(0);
    assertThatThrownBy(() -> done.markDone(DoneOffsets.MAX_WINDOW + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the window");
    assertThatThrownBy(() -> done.tryClaim(DoneOffsets.MAX_WINDOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(done.tryClaim(-1)).as("below the floor counts as ended").isFalse();
  }
}
