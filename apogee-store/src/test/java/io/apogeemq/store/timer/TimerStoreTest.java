package io.apogeemq.store.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerStoreTest {

  private static final TimerStoreConfig CFG = TimerStoreConfig.forMaxDelay(1000, 60_000);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  private static List<Long> drain(TimerStore s, long now) {
    List<Long> out = new ArrayList<>();
    TimerEntry e;
    while ((e = s.peekDue(now)) != null || s.nextWakeMs(now) <= now) {
      if (e == null) {
        continue; // a chain is still being loaded
      }
      out.add(e.commitLogOffset());
      s.delivered(e);
    }
    return out;
  }

  @Test
  void anEntryFiresAtItsExactMillisecondNotAtItsSlotBoundary() throws IOException {
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      assertThat(s.add(T0 + 3_200, 77, 100, 0)).isTrue();
      assertThat(s.peekDue(T0 + 3_000)).isNull();
      assertThat(s.nextWakeMs(T0 + 3_000)).isEqualTo(T0 + 3_200);
      assertThat(s.peekDue(T0 + 3_199)).isNull();
      assertThat(drain(s, T0 + 3_200)).containsExactly(77L);
      assertThat(s.nextWakeMs(T0 + 3_200)).as("nothing scheduled: sleeps an hour of slots")
          .isEqualTo(T0 + 3_000 + 3_601_000);
      s.add(T0 + 7_500, 78, 100, 1);
      assertThat(s.nextWakeMs(T0 + 3_200)).as("empty slots are skipped; loaded a slot early")
          .isEqualTo(T0 + 6_000);
      assertThat(s.nextWakeMs(T0 + 7_000)).isEqualTo(T0 + 7_500);
    }
  }

  @Test
  void entriesComeInDueOrderAcrossSlotsWhateverTheOrderTheyWereAddedIn() throws IOException {
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      long[] dues = {5_500, 1_200, 1_100, 9_000, 1_150, 5_499};
      for (int i = 0; i < dues.length; i++) {
        s.add(T0 + dues[i], i, 10, i);
      }
      assertThat(drain(s, T0 + 1_199)).containsExactly(2L, 4L);
      assertThat(drain(s, T0 + 10_000)).containsExactly(1L, 5L, 0L, 3L);
      assertThat(s.enqueueOffset()).isEqualTo(6);
    }
  }

  @Test
  void aCleanRestartKeepsPendingEntriesAndForgetsDeliveredOnes() throws IOException {
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      s.add(T0 + 1_000, 1, 10, 0);
      s.add(T0 + 1_000, 2, 10, 1);
      s.add(T0 + 2_000, 3, 10, 2);
      TimerEntry first = s.peekDue(T0 + 1_000);
      assertThat(first.commitLogOffset()).isEqualTo(1);
      s.delivered(first);
    }
    try (TimerStore s = TimerStore.open(dir, CFG, T0 + 50_000)) {
      assertThat(s.enqueueOffset()).isEqualTo(3);
      assertThat(drain(s, T0 + 50_000)).as("past-due entries are due at once")
          .containsExactly(2L, 3L);
    }
    try (TimerStore s = TimerStore.open(dir, CFG, T0 + 60_000)) {
      assertThat(drain(s, T0 + 60_000)).isEmpty();
    }
  }

  @Test
  void afterACrashTheTornLogTailIsCutTheWheelRebuiltAndNothingIsLost() throws IOException {
    TimerStore s = TimerStore.open(dir, CFG, T0);
    for (int i = 0; i < 100; i++) {
      s.add(T0 + 1_000 + i * 37, i, 10, i);
    }
    s.checkpoint(false);
    s.add(T0 + 500, 100, 10, 100); // buffered only: lost in the crash, to be enqueued again
    s.abandon();
    Path seg = dir.resolve("log").resolve(String.format("%020d", 0));
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7}), ch.size()); // torn entry
    }
    try (TimerStore r = TimerStore.open(dir, CFG, T0)) {
      assertThat(r.enqueueOffset()).as("enqueue resumes after the last whole entry")
          .isEqualTo(100);
      assertThat(r.logBytes()).isEqualTo(100L * TimerLog.ENTRY_SIZE);
      r.add(T0 + 500, 100, 10, 100);
      List<Long> all = drain(r, T0 + 10_000);
      assertThat(all).hasSize(101).doesNotHaveDuplicates();
      assertThat(all.get(0)).isEqualTo(100L);
    }
  }

  @Test
  void aCorruptCheckpointOrAWheelOfAnotherSizeIsAnErrorNamingTheFile() throws IOException {
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      s.add(T0 + 1_000, 1, 10, 0);
    }
    assertThatThrownBy(() -> TimerStore.open(dir, TimerStoreConfig.forMaxDelay(1000, 120_000), T0))
        .isInstanceOf(IOException.class).hasMessageContaining("wheel")
        .hasMessageContaining("timerMaxDelaySec");
    Files.write(dir.resolve("checkpoint"), new byte[] {9, 9, 9});
    assertThatThrownBy(() -> TimerStore.open(dir, CFG, T0))
        .isInstanceOf(IOException.class).hasMessageContaining("checkpoint")
        .hasMessageContaining("corrupt");
  }

  @Test
  void aSlotStillHoldingAnUndeliveredChainOfAnotherTimeRefusesTheAdd() throws IOException {
    TimerStoreConfig small = new TimerStoreConfig(1000, 10, 40 * 100, 1000);
    try (TimerStore s = TimerStore.open(dir, small, T0)) {
      assertThat(s.add(T0 + 2_000, 1, 10, 0)).isTrue();
      assertThat(s.add(T0 + 12_000, 2, 10, 1)).as("same wheel slot, 10 slots later").isFalse();
      assertThat(drain(s, T0 + 2_000)).containsExactly(1L);
      assertThat(s.add(T0 + 12_000, 2, 10, 1)).isTrue();
      assertThat(drain(s, T0 + 12_000)).containsExactly(2L);
    }
  }
}
