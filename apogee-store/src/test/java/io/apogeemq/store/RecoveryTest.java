package io.apogeemq.store;

import static io.apogeemq.store.Messages.decode;
import static io.apogeemq.store.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RecoveryTest {

  @TempDir Path dir;

  private List<AppendResult> fill(StoreConfig config, int n) throws Exception {
    List<AppendResult> out = new ArrayList<>();
    try (LocalMessageStore store = LocalMessageStore.open(config)) {
      for (int i = 0; i < n; i++) {
        out.add(store.append(message("T", 0, ("body-" + i).repeat(50).getBytes(), null,
            "key-" + i, null)).get());
      }
      LocalMessageStoreTest.awaitDispatched(store);
    }
    return out;
  }

  private Path segmentOf(long offset, int segmentSize) {
    return dir.resolve("commitlog").resolve(String.format("%020d", offset - offset % segmentSize));
  }

  private static void simulateCrash(Path root) throws Exception {
    Files.writeString(root.resolve("abort"), "1");
  }

  @Test
  void recoversToLastWholeEntryAfterTornWrite() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).build();
    List<AppendResult> written = fill(config, 50);
    AppendResult last = written.get(49);
    int segSize = config.mappedFileSizeCommitLog();
    try (RandomAccessFile f = new RandomAccessFile(segmentOf(last.physicalOffset(), segSize)
        .toFile(), "rw")) {
      long from = last.physicalOffset() % segSize + last.wroteBytes() / 2;
      f.seek(from);
      f.write(new byte[(int) (segSize - from)]);
    }
    simulateCrash(dir);
    try (LocalMessageStore store = LocalMessageStore.open(config)) {
      assertThat(store.recoveryReport()).contains("abort marker")
          .contains("recovered to offset " + last.physicalOffset())
          .contains("removed 1 consume queue entries");
      assertThat(store.commitLogMaxOffset()).isEqualTo(last.physicalOffset());
      assertThat(store.maxOffset("T", 0)).isEqualTo(49);
      try (GetResult r = store.getMessages("T", 0, 48, 32, 1 << 20, TagFilter.ALL)) {
        assertThat(r.messages()).hasSize(1);
        assertThat(new String(decode(r.messages().get(0)).body())).startsWith("body-48");
      }
      assertThat(store.queryByKey("T", "key-49", 5, 0, Long.MAX_VALUE).physicalOffsets())
          .isEmpty();
      assertThat(store.queryByKey("T", "key-48", 5, 0, Long.MAX_VALUE).physicalOffsets())
          .containsExactly(written.get(48).physicalOffset());
      AppendResult again = store.append(message("T", 0, "after")).get();
      assertThat(again.queueOffset()).isEqualTo(49);
      assertThat(again.physicalOffset()).isEqualTo(last.physicalOffset());
    }
  }

  @Test
  void truncatesAtARecordWhoseBodyCrcDoesNotMatch() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).build();
    List<AppendResult> written = fill(config, 50);
    AppendResult victim = written.get(45);
    int segSize = config.mappedFileSizeCommitLog();
    try (RandomAccessFile f = new RandomAccessFile(segmentOf(victim.physicalOffset(), segSize)
        .toFile(), "rw")) {
      long at = victim.physicalOffset() % segSize + 100;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
    simulateCrash(dir);
    try (LocalMessageStore store = LocalMessageStore.open(config)) {
      assertThat(store.recoveryReport()).contains("body CRC")
          .contains("recovered to offset " + victim.physicalOffset());
      assertThat(store.maxOffset("T", 0)).isEqualTo(45);
      try (GetResult r = store.getMessages("T", 0, 0, 32, 1 << 20, TagFilter.ALL)) {
        assertThat(r.messages()).hasSize(32);
        for (int i = 0; i < 32; i++) {
          assertThat(decode(r.messages().get(i)).queueOffset()).isEqualTo(i);
        }
      }
    }
  }

  @Test
  void cutsAConsumeQueueThatIsLongerThanTheCommitLog() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).build();
    fill(config, 10);
    Path saved = Files.createDirectory(dir.resolve("saved"));
    copyDir(dir.resolve("commitlog"), saved);
    fill(config, 10);
    try (Stream<Path> s = Files.list(dir.resolve("commitlog"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.delete(p);
      }
    }
    copyDir(saved, dir.resolve("commitlog"));
    try (LocalMessageStore store = LocalMessageStore.open(config)) {
      assertThat(store.recoveryReport()).contains("removed 10 consume queue entries");
      assertThat(store.maxOffset("T", 0)).isEqualTo(10);
      assertThat(store.append(message("T", 0, "x")).get().queueOffset()).isEqualTo(10);
      LocalMessageStoreTest.awaitDispatched(store);
      try (GetResult r = store.getMessages("T", 0, 9, 32, 1 << 20, TagFilter.ALL)) {
        assertThat(r.messages()).extracting(m -> new String(decode(m).body()))
            .containsExactly("body-9".repeat(50), "x");
      }
    }
  }

  @Test
  void rebuildsMissingConsumeQueuesFromTheCommitLog() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).build();
    fill(config, 30);
    deleteTree(dir.resolve("consumequeue"));
    deleteTree(dir.resolve("index"));
    try (LocalMessageStore store = LocalMessageStore.open(config)) {
      assertThat(store.recoveryReport()).contains("re-dispatched 30 records");
      assertThat(store.maxOffset("T", 0)).isEqualTo(30);
      assertThat(store.queryByKey("T", "key-7", 5, 0, Long.MAX_VALUE).physicalOffsets())
          .hasSize(1);
    }
  }

  private static void copyDir(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }
}
