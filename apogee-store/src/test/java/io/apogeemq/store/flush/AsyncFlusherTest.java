package io.apogeemq.store.flush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.StoreConfig;
import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.commitlog.CommitLog;
import io.apogeemq.store.file.StorageIo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class AsyncFlusherTest {

  @TempDir Path dir;

  private static final MessageHost HOST = MessageHost.of(new byte[] {127, 0, 0, 1}, 10911);

  private static AppendMessage message(int size) {
    return new AppendMessage("T", 0, 0, new byte[size], "", 0, 1, HOST, HOST, 0, 0, true);
  }

  @Test
  void waitsForTheLeastPagesThenFlushesAndRecordsTheStoreTime() throws Exception {
    StoreConfig config = StoreConfig.builder(dir).mappedFileSizeCommitLog(1 << 20).build();
    CommitLog log = new CommitLog(config, StorageIo.standard(), Clock.systemDefaultZone(), null);
    log.load();
    StoreCheckpoint checkpoint = new StoreCheckpoint(dir.resolve("checkpoint"),
        StorageIo.standard());
    List<String> failures = new ArrayList<>();
    AsyncFlusher flusher = new AsyncFlusher(log, checkpoint, 10, 4, 60_000,
        (what, e) -> failures.add(what));
    flusher.start();
    try {
      log.append(message(100));
      Thread.sleep(200);
      assertThat(log.flushedOffset()).as("under 4 dirty pages nothing is forced").isZero();
      for (int i = 0; i < 10; i++) {
        log.append(message(2000));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> log.flushedOffset() == log.maxOffset());
      assertThat(checkpoint.physicMsgTimestamp()).isEqualTo(log.lastStoreTimestamp());
      assertThat(failures).isEmpty();
    } finally {
      flusher.stop();
      log.close();
      checkpoint.close();
    }
  }

  @Test
  void flushesEverythingOnStopEvenBelowTheLeastPages() throws Exception {
    StoreConfig config = StoreConfig.builder(dir).mappedFileSizeCommitLog(1 << 20).build();
    CommitLog log = new CommitLog(config, StorageIo.standard(), Clock.systemDefaultZone(), null);
    log.load();
    StoreCheckpoint checkpoint = new StoreCheckpoint(dir.resolve("checkpoint"),
        StorageIo.standard());
    AsyncFlusher flusher = new AsyncFlusher(log, checkpoint, 10, 1000, 60_000, (w, e) -> { });
    flusher.start();
    log.append(message(10));
    flusher.stop();
    assertThat(log.flushedOffset()).isEqualTo(log.maxOffset()).isPositive();
    log.close();
    checkpoint.close();
  }
}
