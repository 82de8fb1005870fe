package io.apogeemq.store.flush;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.dispatch.DispatchService;
import io.apogeemq.store.index.IndexService;
import io.apogeemq.store.queue.ConsumeQueueTable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
public final class ConsumeQueueFlusher {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueFlusher.class);

  private final ConsumeQueueTable queues;
  private final IndexService index;
  private final DispatchService dispatch;
  private final StoreCheckpoint checkpoint;
  private final int intervalMillis;
  private final int leastPages;
  private final int thoroughMillis;
  private volatile boolean running;
  private Thread thread;

  public ConsumeQueueFlusher(ConsumeQueueTable queues, IndexService index,
      DispatchService dispatch, StoreCheckpoint checkpoint, int intervalMillis, int leastPages,
      int thoroughMillis) {
    this.queues = queues;
    this.index = index;
    this.dispatch = dispatch;
    this.checkpoint = checkpoint;
    this.intervalMillis = intervalMillis;
    this.leastPages = leastPages;
    this.thoroughMillis = thoroughMillis;
  }

  public void start() {
    running = true;
    thread = new NamedThreadFactory("apogee-store-cq-flush").newThread(this::run);
    thread.start();
  }

  private void run() {
    long lastThorough = System.nanoTime();
    while (running) {
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(intervalMillis));
      long now = System.nanoTime();
      if (now - lastThorough >= TimeUnit.MILLISECONDS.toNanos(thoroughMillis)) {
        lastThorough = now;
        flushAll();
      } else {
        try {
          queues.flush(leastPages);
        } catch (IOException | RuntimeException e) {
          LOG.error("consume queue flush failed", e);
        }
      }
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

  public void stop() {
    running = false;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
