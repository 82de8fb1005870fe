package io.apogeemq.store.flush;

import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.commitlog.CommitLog;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC_FLUSH (storage.md §12.1): every {@code flushIntervalCommitLog} forces the CommitLog when at
 * least {@code flushCommitLogLeastPages} pages are dirty, and regardless of pages every
 * {@code flushCommitLogThoroughInterval}.
 *
 * <p>Owns one thread, {@code apogee-store-async-flush}.
 */
public final class AsyncFlusher extends PeriodicFlushLoop {

  private static final Logger LOG = LoggerFactory.getLogger(AsyncFlusher.class);

  private final CommitLog commitLog;
  private final StoreCheckpoint checkpoint;
  private final int leastPages;
  private final FlushFailureListener failures;

  public AsyncFlusher(CommitLog commitLog, StoreCheckpoint checkpoint, int intervalMillis,
      int leastPages, int thoroughMillis, FlushFailureListener failures) {
    super("apogee-store-async-flush", intervalMillis, thoroughMillis, System::nanoTime);
    this.commitLog = commitLog;
    this.checkpoint = checkpoint;
    this.leastPages = leastPages;
    this.failures = failures;
  }

  @Override
  protected void round(boolean thorough) {
    flushOnce(thorough ? 0 : leastPages);
  }

  @Override
  protected void finalRound() {
    flushOnce(0);
  }

  private void flushOnce(int pages) {
    long ts = commitLog.lastStoreTimestamp();
    long target = commitLog.maxOffset();
    try {
      long after = commitLog.segments().flush(pages);
      if (after >= target) {
        checkpoint.setPhysicMsgTimestamp(ts);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("async flush of the CommitLog failed", e);
      failures.flushFailed("CommitLog force", e);
    }
  }

}
