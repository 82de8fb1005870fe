package io.apogeemq.store;

import static io.apogeemq.store.Messages.decode;
import static io.apogeemq.store.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.store.file.SegmentSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RetentionTest {

  @TempDir Path dir;
  private final FaultyStorageIo io = new FaultyStorageIo();

  private List<AppendResult> fillSegments(LocalMessageStore store, int messages) throws Exception {
    List<AppendResult> out = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      out.add(store.append(message("T", 0, new byte[8000], null, "k" + i, null)).get());
    }
    LocalMessageStoreTest.awaitDispatched(store);
    return out;
  }

  @Test
  void deletesExpiredSegmentsOnlyAtTheConfiguredHourAndQueuesFollow() throws Exception {
    ZoneId utc = ZoneId.of("UTC");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z").toEpochMilli(), utc);
    StoreConfig config = Messages.smallConfig(dir).deleteWhen("04").fileReservedTime(1)
        .cleanResourceInterval(3_600_000).build();
    try (LocalMessageStore store = LocalMessageStore.open(config, io, clock)) {
      List<AppendResult> written = fillSegments(store, 40);
      int segments = Files.list(dir.resolve("commitlog")).toList().size();
      assertThat(segments).isGreaterThan(3);
      clock.advanceHours(24 * 365);
      assertThat(store.retention().runOnce()).as("03:00 is not a delete hour").isZero();
      clock.advanceHours(1);
      int deleted = store.retention().runOnce();
      assertThat(deleted).isGreaterThan(0);
      assertThat(store.commitLogMinOffset()).isGreaterThan(0);
      await().atMost(Duration.ofSeconds(5))
          .until(() -> store.minOffset("T", 0) > 0);
      long min = store.minOffset("T", 0);
      assertThat(written.get((int) min).physicalOffset())
          .isGreaterThanOrEqualTo(store.commitLogMinOffset());
      GetResult tooSmall = store.getMessages("T", 0, 0, 1, 1 << 20, TagFilter.ALL);
      assertThat(tooSmall.status()).isEqualTo(GetStatus.OFFSET_TOO_SMALL);
      assertThat(tooSmall.nextBeginOffset()).isEqualTo(min);
      try (GetResult r = store.getMessages("T", 0, min, 1, 1 << 20, TagFilter.ALL)) {
        assertThat(decode(r.messages().get(0)).queueOffset()).isEqualTo(min);
      }
      assertThat(store.maxOffset("T", 0)).isEqualTo(40);
    }
  }

  @Test
  void neverUnmapsASegmentWhileAReaderHoldsASlice() throws Exception {
    long tomorrowAtFour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
        .plus(Duration.ofHours(28)).toEpochMilli();
    MutableClock clock = new MutableClock(tomorrowAtFour, ZoneId.of("UTC"));
    StoreConfig config = Messages.smallConfig(dir).deleteWhen("04").fileReservedTime(1)
        .cleanResourceInterval(3_600_000).build();
    try (LocalMessageStore store = LocalMessageStore.open(config, io, clock)) {
      fillSegments(store, 40);
      Path first = dir.resolve("commitlog").resolve("00000000000000000000");
      GetResult held = store.getMessages("T", 0, 0, 1, 1 << 20, TagFilter.ALL);
      SegmentSlice slice = held.messages().get(0);
      assertThat(store.retention().runOnce()).isGreaterThan(0);
      assertThat(first).exists();
      assertThat(decode(slice).queueOffset()).isZero();
      held.close();
      assertThat(first).doesNotExist();
    }
  }

  @Test
  void refusesAppendsAboveTheDiskWarningLevelAndDeletesEarlyUnderPressure() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli(),
        ZoneId.of("UTC"));
    StoreConfig config = Messages.smallConfig(dir).deleteWhen("04").fileReservedTime(72)
        .cleanResourceInterval(3_600_000).build();
    try (LocalMessageStore store = LocalMessageStore.open(config, io, clock)) {
      fillSegments(store, 40);
      io.usedRatio = 0.95;
      int deleted = store.retention().runOnce();
      assertThat(deleted).as("forced clean ignores age and hour").isGreaterThan(0);
      AppendResult refused = store.append(message("T", 0, "x")).get();
      assertThat(refused.status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
      assertThat(refused.error()).contains("95.0% full");
      assertThat(store.getMessages("T", 0, store.minOffset("T", 0), 1, 1 << 20, TagFilter.ALL)
          .status()).isIn(GetStatus.FOUND, GetStatus.OFFSET_TOO_SMALL);
      io.usedRatio = 0.50;
      store.retention().runOnce();
      assertThat(store.append(message("T", 0, "x")).get().status()).isEqualTo(PutStatus.PUT_OK);
    }
  }
}
