package io.apogeemq.store.flush;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.PutStatus;
import io.apogeemq.store.StoreConfig;
import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.commitlog.CommitLog;
import io.apogeemq.store.file.ForwardingStorageIo;
import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class GroupCommitFlusherTest {

  @TempDir Path dir;

  private static final MessageHost HOST = MessageHost.of(new byte[] {127, 0, 0, 1}, 10911);

  private static AppendMessage message() {
    return new AppendMessage("T", 0, 0, new byte[100], "", 0, 1, HOST, HOST, 0, 0, true);
  }

  /** Each force waits for a permit, so the test decides when a force completes. */
  private static final class GatedIo extends ForwardingStorageIo {
    final Semaphore permits = new Semaphore(0);
    final AtomicInteger started = new AtomicInteger();

    @Override
    public void force(MappedByteBuffer map, int from, int length) throws IOException {
      started.incrementAndGet();
      permits.acquireUninterruptibly();
      super.force(map, from, length);
    }
  }

  @Test
  void aRequestArrivingDuringAForceThatCoversItsRecordsDoesNotWaitForTheNextForce()
      throws Exception {
    GatedIo io = new GatedIo();
    StoreConfig config = StoreConfig.builder(dir).mappedFileSizeCommitLog(1 << 20).build();
    CommitLog log = new CommitLog(config, io, Clock.systemDefaultZone(), null);
    log.load();
    StoreCheckpoint checkpoint = new StoreCheckpoint(dir.resolve("checkpoint"),
        StorageIo.standard());
    GroupCommitFlusher flusher = new GroupCommitFlusher(log, checkpoint, 10_000, (w, e) -> { });
    flusher.start();
    try {
      long first = log.append(message()).nextOffset();
      long second = log.append(message()).nextOffset();
      CompletableFuture<PutStatus> a = flusher.submit(first);
      waitUntil(() -> io.started.get() == 1); // force #1 covers both records
      CompletableFuture<PutStatus> b = flusher.submit(second); // arrives during force #1
      long third = log.append(message()).nextOffset(); // written during force #1
      CompletableFuture<PutStatus> c = flusher.submit(third);
      io.permits.release(); // force #1 completes
      assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo(PutStatus.PUT_OK);
      assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo(PutStatus.PUT_OK);
      waitUntil(() -> io.started.get() == 2); // force #2 for the third record, still gated
      assertThat(c).isNotDone();
      io.permits.release();
      assertThat(c.get(5, TimeUnit.SECONDS)).isEqualTo(PutStatus.PUT_OK);
      assertThat(log.flushedOffset()).isEqualTo(third);
    } finally {
      io.permits.release(100);
      flusher.stop();
      log.close();
      checkpoint.close();
    }
  }

  @Test
  void aWaiterPastTheSyncFlushTimeoutGetsFlushDiskTimeoutWhileTheForceHangs() throws Exception {
    GatedIo io = new GatedIo();
    StoreConfig config = StoreConfig.builder(dir).mappedFileSizeCommitLog(1 << 20).build();
    CommitLog log = new CommitLog(config, io, Clock.systemDefaultZone(), null);
    log.load();
    StoreCheckpoint checkpoint = new StoreCheckpoint(dir.resolve("checkpoint"),
        StorageIo.standard());
    GroupCommitFlusher flusher = new GroupCommitFlusher(log, checkpoint, 100, (w, e) -> { });
    flusher.start();
    try {
      CompletableFuture<PutStatus> a = flusher.submit(log.append(message()).nextOffset());
      assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo(PutStatus.FLUSH_DISK_TIMEOUT);
    } finally {
      io.permits.release(100);
      flusher.stop();
      log.close();
      checkpoint.close();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 5 s");
      }
      Thread.sleep(1);
    }
  }
}
