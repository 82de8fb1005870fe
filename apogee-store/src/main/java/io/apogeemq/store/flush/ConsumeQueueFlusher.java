package io.apogeemq.store.flush;

import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.dispatch.DispatchService;
import io.apogeemq.store.index.IndexService;
import io.apogeemq.store.queue.ConsumeQueueTable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes consume queues every {@code flushIntervalConsumeQueue} (when at least
 * {@code flushConsumeQueueLeastPages} are dirty) and thoroughly — every queue, the index and then
 * the checkpoint — every {@code thoroughMillis} (storage.md §12.3). The checkpoint's
 * {@code logicsMsgTimestamp} is taken <em>before</em> the thorough flush, so it never claims more
 * than what is on disk.
 *
 * <p>Owns one thread, {@code apogee-store-cq-flush}.
 */
public final class ConsumeQueueFlusher extends PeriodicFlushLoop {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueFlusher.class);

  private final ConsumeQueueTable queues;
  private final IndexService index;
  private final DispatchService dispatch;
  private final StoreCheckpoint checkpoint;
  private final int leastPages;

  public ConsumeQueueFlusher(ConsumeQueueTable queues, IndexService index,
      DispatchService dispatch, StoreCheckpoint checkpoint, int intervalMillis, int leastPages,
      int thoroughMillis) {
    super("apogee-store-cq-flush", intervalMillis, thoroughMillis, System::nanoTime);
    this.queues = queues;
    this.index = index;
    this.dispatch = dispatch;
    this.checkpoint = checkpoint;
    this.leastPages = leastPages;
  }

  @Override
  protected void round(boolean thorough) {
    if (thorough) {
      flushAll();
      return;
    }
    try {
      queues.flush(leastPages);
    } catch (IOException | RuntimeException e) {
      LOG.error("consume queue flush failed", e);
    }
  }

  /** Forces every queue and index file, then records and forces the checkpoint. */
  public void flushAll() {
    long logicsTs = dispatch.lastDispatchedStoreTimestamp();
    try {
      queues.flush(0);
      if (index != null) {
        index.flush();
        checkpoint.setIndexMsgTimestamp(Math.max(checkpoint.indexMsgTimestamp(),
            index.lastCompletedFileEndTimestamp()));
      }
      if (logicsTs > 0) {
        checkpoint.setLogicsMsgTimestamp(logicsTs);
      }
      checkpoint.flush();
    } catch (IOException | RuntimeException e) {
      LOG.error("thorough consume queue / index / checkpoint flush failed", e);
    }
  }

}
