package io.apogeemq.store.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.store.commitlog.ScannedRecord;
import io.apogeemq.store.file.StorageIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class IndexServiceTest {

  @TempDir Path dir;

  private static ScannedRecord record(long phys, long time, String keys) {
    return new ScannedRecord("T", 0, 0, phys, 100, time, 0, keys, null, 0);
  }

  @Test
  void rollsToANewFileWhenFullAndQueriesAcrossFilesNewestFirst() throws Exception {
    IndexService index = new IndexService(dir, 8, 10, StorageIo.standard(),
        Clock.systemDefaultZone());
    index.load();
    for (int i = 0; i < 25; i++) {
      index.index(record(i * 100L, 1_000_000L + i * 1000, "k" + (i % 3) + " all"));
    }
    assertThat(Files.list(dir.resolve("index")).count()).isGreaterThan(1);
    QueryResult all = index.query("T", "all", 64, 0, Long.MAX_VALUE);
    assertThat(all.physicalOffsets()).hasSize(25);
    assertThat(all.physicalOffsets().get(0)).isEqualTo(2400);
    assertThat(all.lastUpdatePhyOffset()).isEqualTo(2400);
    assertThat(index.query("T", "k1", 64, 0, Long.MAX_VALUE).physicalOffsets())
        .allMatch(p -> (p / 100) % 3 == 1).hasSize(8);
    assertThat(index.query("T", "all", 64, 1_010_000, 1_012_000).physicalOffsets())
        .containsExactly(1200L, 1100L, 1000L);
    assertThat(index.query("T", "all", 5, 0, Long.MAX_VALUE).physicalOffsets()).hasSize(5);
    index.close();
  }

  @Test
  void dropsFilesThatReachPastACutCommitLogAndSaysWhereToRebuildFrom() throws Exception {
    IndexService index = new IndexService(dir, 8, 10, StorageIo.standard(),
        Clock.systemDefaultZone());
    index.load();
    for (int i = 0; i < 25; i++) {
      index.index(record(i * 100L, 1_000_000L + i * 1000, "k" + i));
    }
    long rebuildFrom = index.truncateAfter(1500);
    assertThat(rebuildFrom).isLessThanOrEqualTo(1500);
    assertThat(index.query("T", "k20", 4, 0, Long.MAX_VALUE).physicalOffsets()).isEmpty();
    for (long p = rebuildFrom; p < 2500; p += 100) {
      index.index(record(p, 1_000_000L + p * 10, "k" + p / 100));
    }
    assertThat(index.query("T", "k20", 4, 0, Long.MAX_VALUE).physicalOffsets())
        .containsExactly(2000L);
    assertThat(index.query("T", "k3", 4, 0, Long.MAX_VALUE).physicalOffsets())
        .containsExactly(300L);
    index.close();
  }
}
