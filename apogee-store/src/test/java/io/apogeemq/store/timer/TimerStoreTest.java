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

  @Test
  void noWheelFileExistsUntilTheFirstEntryAndAMissingWheelIsRebuiltFromTheLog()
      throws IOException {
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      assertThat(s.peekDue(T0 + 5_000)).isNull();
      assertThat(s.nextWakeMs(T0)).isGreaterThan(T0);
    }
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      assertThat(dir.resolve("wheel")).as("nothing scheduled: no wheel on disk").doesNotExist();
      s.add(T0 + 2_000, 5, 10, 0);
      assertThat(dir.resolve("wheel")).exists();
      s.add(T0 + 3_000, 6, 10, 1);
    }
    Files.delete(dir.resolve("wheel"));
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      assertThat(drain(s, T0 + 5_000)).containsExactly(5L, 6L);
    }
  }

  @Test
  void aCancellationMarkerComesBeforeEveryEntryOfItsSlotAndIsHandedOutAgainAfterARestart()
      throws IOException {
    try (TimerStore s = TimerStore.open(dir, CFG, T0)) {
      s.add(T0 + 2_000, 1, 10, 0);
      s.add(T0 + 2_700, 2, 10, 1);
      assertThat(s.addCancelMarker(T0 + 2_700, 3, 10, 2)).isTrue();
      TimerEntry first = s.peekDue(T0 + 2_000);
      assertThat(first.commitLogOffset()).as("the marker, at its slot's start").isEqualTo(3);
      assertThat(first.cancelMarker()).isTrue();
      assertThat(first.recordSize()).isEqualTo(10);
      assertThat(first.dueMs()).isEqualTo(T0 + 2_000);
      s.delivered(first);
      TimerEntry next = s.peekDue(T0 + 2_000);
      assertThat(next.commitLogOffset()).isEqualTo(1);
      s.delivered(next);
    }
    try (TimerStore s = TimerStore.open(dir, CFG, T0 + 2_000)) {
      List<TimerEntry> out = new ArrayList<>();
      TimerEntry e;
      while ((e = s.peekDue(T0 + 3_000)) != null || s.nextWakeMs(T0 + 3_000) <= T0 + 3_000) {
        if (e != null) {
          out.add(e);
          s.delivered(e);
        }
      }
      assertThat(out).extracting(TimerEntry::commitLogOffset)
          .as("the marker again (its slot is reloaded), then what was left").containsExactly(3L, 2L);
    }
  }

  @Test
  void segmentsWhoseEntriesAreAllDeliveredAreDeletedAtACheckpointAndTheLogStillReopens()
      throws IOException {
    TimerStoreConfig small = new TimerStoreConfig(1000, 200, 40 * 10, 1000);
    try (TimerStore s = TimerStore.open(dir, small, T0)) {
      for (int i = 0; i < 30; i++) {
        s.add(T0 + 1_000 + i * 1_000L, i, 10, i); // 3 segments of 10, due 1..30 s
      }
      s.add(T0 + 50_000, 30, 10, 30); // the 4th segment, far later
      s.checkpoint(false);
      assertThat(s.logSegments()).isEqualTo(4);
      assertThat(drain(s, T0 + 11_500)).hasSize(11);
      s.checkpoint(false);
      assertThat(s.logSegments()).as("entries of segment 0 are due up to 10 s, cursor at 11 s")
          .isEqualTo(3);
      assertThat(dir.resolve("log").resolve(String.format("%020d", 0))).doesNotExist();
    }
    try (TimerStore s = TimerStore.open(dir, small, T0 + 11_500)) {
      assertThat(s.logBytes()).isEqualTo(21L * TimerLog.ENTRY_SIZE);
      assertThat(drain(s, T0 + 40_000)).as("nothing delivered twice, nothing lost")
          .containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L,
              25L, 26L, 27L, 28L, 29L);
      s.checkpoint(false);
      s.checkpoint(false);
      assertThat(s.logSegments()).as("segment 2 holds the cursor's slot (30 s), reloaded after "
          + "a restart: it stays").isEqualTo(2);
    }
    try (TimerStore s = TimerStore.open(dir, small, T0 + 40_000)) {
      s.add(T0 + 45_000, 31, 10, 31);
      assertThat(drain(s, T0 + 60_000)).containsExactly(31L, 30L);
      assertThat(s.enqueueOffset()).isEqualTo(32);
      s.checkpoint(false);
      assertThat(s.logSegments()).as("the last segment (being written) always stays")
          .isEqualTo(1);
    }
  }

  @Test
  void afterACrashWithDeletedSegmentsTheWheelIsRebuiltFromWhatRemains() throws IOException {
    TimerStoreConfig small = new TimerStoreConfig(1000, 200, 40 * 10, 1000);
    TimerStore s = TimerStore.open(dir, small, T0);
    for (int i = 0; i < 25; i++) {
      s.add(T0 + 1_000 + i * 1_000L, i, 10, i);
    }
    assertThat(drain(s, T0 + 12_000)).hasSize(12);
    s.checkpoint(false);
    assertThat(s.logSegments()).isEqualTo(2);
    s.abandon();
    try (TimerStore r = TimerStore.open(dir, small, T0 + 12_000)) {
      assertThat(r.enqueueOffset()).isEqualTo(25);
      assertThat(drain(r, T0 + 30_000)).containsExactly(12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L,
          20L, 21L, 22L, 23L, 24L);
    }
  }
}
