package io.apogeemq.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TransactionCheckpointTest {

  @TempDir Path dir;

  @Test
  void aMissingFileIsAFreshStart() throws IOException {
    TransactionCheckpoint cp = TransactionCheckpoint.read(dir.resolve("transaction.json"));
    assertThat(cp.halfScanOffset()).isZero();
    assertThat(cp.opReplayOffset()).isZero();
    assertThat(DoneOffsets.restore(cp.done()).floor()).isZero();
  }

  @Test
  void writtenProgressReadsBackTheSame() throws IOException {
    DoneOffsets done = new DoneOffsets(0);
    for (long o : new long[] {0, 1, 2, 70, 71, 200}) {
      done.markDone(o);
    }
    Path file = dir.resolve("config/transaction.json");
    new TransactionCheckpoint(201, 17, done.snapshot()).write(file);
    TransactionCheckpoint back = TransactionCheckpoint.read(file);
    assertThat(back.halfScanOffset()).isEqualTo(201);
    assertThat(back.opReplayOffset()).isEqualTo(17);
    DoneOffsets restored = DoneOffsets.restore(back.done());
    assertThat(restored.floor()).isEqualTo(3);
    assertThat(restored.isDone(70)).isTrue();
    assertThat(restored.isDone(69)).isFalse();
    assertThat(restored.isDone(200)).isTrue();
  }

  @Test
  void aDamagedFileStopsTheStartNamingTheFile() throws IOException {
    Path file = dir.resolve("transaction.json");
    Files.write(file, "{\"halfScanOffset\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TransactionCheckpoint.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("halfScanOffset");
    Files.write(file, "not json".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TransactionCheckpoint.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("damaged");
  }
}
