package io.apogeemq.store.dispatch;

import io.apogeemq.common.lifecycle.ServiceLoop;
import io.apogeemq.store.commitlog.CommitLog;
import io.apogeemq.store.commitlog.RecordScanner;
import io.apogeemq.store.commitlog.ScannedRecord;
import io.apogeemq.store.file.MappedSegment;
import io.apogeemq.store.index.IndexService;
import io.apogeemq.store.queue.ConsumeQueue;
import io.apogeemq.store.queue.ConsumeQueueTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the CommitLog and builds consume-queue and index entries from each record, then tells
 * {@link MessageArrivalListener}s (storage.md §10). Also runs the consume-queue and index clean-up
 * that retention requests, so every write to those structures happens on this one thread.
 *
 * <p>Thread-safety: owns one thread ({@code apogee-store-dispatch}); {@link #dispatchAvailable()}
 * may be called directly only before {@link #start()} (recovery catch-up). Other methods are
 * thread-safe.
 */
public final class DispatchService extends ServiceLoop {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchService.class);
  /** Appends wake a sleeping thread ({@link #appended()}); this bound covers writers that do not. */
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /**
   * After a round that found records, the thread looks again after this pause instead of being
   * woken by every append: under load one round then covers many records, and appenders skip a
   * wake-up (a futex call and a context switch on the other core) per message. It bounds the extra
   * arrival latency a busy queue sees.
   */
  static final long BUSY_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final CommitLog commitLog;
  private final ConsumeQueueTable queues;
  private final IndexService index;
  private final List<MessageArrivalListener> listeners = new CopyOnWriteArrayList<>();
  private volatile long dispatchedOffset;
  private volatile long lastDispatchedStoreTimestamp;
  private volatile long pendingCleanupMinOffset = -1;
  /** True while the thread sleeps because it found nothing to do; only then appends wake it. */
  private volatile boolean sleeping;
  private long lastCorruptionLogged = -1;
  private final AtomicReference<Truncation> pendingTruncation = new AtomicReference<>();

  private record Truncation(long offset, CompletableFuture<String> done) {}

  /**
   * @param index null when the key index is disabled
   */
  public DispatchService(CommitLog commitLog, ConsumeQueueTable queues, IndexService index,
      long fromOffset) {
    super("apogee-store-dispatch");
    this.commitLog = commitLog;
    this.queues = queues;
    this.index = index;
    this.dispatchedOffset = fromOffset;
  }

  public void addListener(MessageArrivalListener l) {
    listeners.add(l);
  }

  @Override
  protected void runLoop() {
    while (isRunning()) {
      try {
        runTruncation();
        runCleanup();
        if (dispatchAvailable() > 0) {
          LockSupport.parkNanos(this, BUSY_POLL_NANOS);
        } else {
          // Announced before the last look for work (inside idleUnless), so an append that
          // publishes its record and then reads this flag cannot be missed.
          sleeping = true;
          try {
            idleUnless(this::hasWork, IDLE_PARK_NANOS);
          } finally {
            sleeping = false;
          }
        }
      } catch (IOException e) {
        LOG.error("dispatch at CommitLog offset {} failed, retrying in 1 s: {}", dispatchedOffset,
            e.toString());
        idle(TimeUnit.SECONDS.toNanos(1));
      } catch (RuntimeException e) {
        LOG.error("dispatch at CommitLog offset {} failed, retrying in 1 s", dispatchedOffset, e);
        idle(TimeUnit.SECONDS.toNanos(1));
      } catch (InternalError e) {
        LOG.error("writing a consume queue or index file faulted at CommitLog offset {} (disk"
            + " full?), retrying in 1 s: {}", dispatchedOffset, e.getMessage());
        idle(TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  /**
   * Dispatches every record between the dispatched offset and the CommitLog end.
   *
   * @return number of records dispatched
   * @throws IOException when a consume queue or index file cannot be written; the offset stays at
   *     the failing record (dispatch is idempotent, so it is simply retried)
   */
  public int dispatchAvailable() throws IOException {
    int count = 0;
    long off = dispatchedOffset;
    while (off < commitLog.maxOffset()) {
      if (off < commitLog.minOffset()) {
        off = commitLog.minOffset();
      }
      MappedSegment seg = commitLog.segments().find(off);
      if (seg == null || !seg.tryRetain()) {
        break;
      }
      int segSize = seg.size();
      try {
        ByteBuffer buf = seg.slice(0, segSize);
        int pos = (int) (off - seg.baseOffset());
        int limit = seg.writePosition();
        boolean nextSegment = false;
        while (pos < limit) {
          RecordScanner.Scan s = RecordScanner.scan(buf, pos, limit, seg.baseOffset() + pos, false);
          if (s.kind() == RecordScanner.Kind.RECORD) {
            dispatch(s.record());
            pos += s.size();
            dispatchedOffset = seg.baseOffset() + pos;
            count++;
          } else if (s.kind() == RecordScanner.Kind.BLANK) {
            pos = segSize;
            nextSegment = true;
            break;
          } else if (s.kind() == RecordScanner.Kind.CORRUPT) {
            long at = seg.baseOffset() + pos;
            if (at != lastCorruptionLogged) {
              LOG.error("corrupt CommitLog record at offset {} ({}); skipping to the next segment",
                  at, s.reason());
              lastCorruptionLogged = at;
            }
            pos = segSize;
            nextSegment = true;
            break;
          } else {
            break;
          }
        }
        if (pos >= segSize) {
          nextSegment = true;
        }
        off = nextSegment ? seg.baseOffset() + segSize : seg.baseOffset() + pos;
        dispatchedOffset = off;
        if (!nextSegment) {
          break;
        }
      } finally {
        seg.release();
      }
    }
    return count;
  }

  private void dispatch(ScannedRecord r) throws IOException {
    if (RecordScanner.dispatchable(r.sysFlag())) {
      ConsumeQueue cq = queues.findOrCreate(r.topic(), r.queueId());
      if (cq.put(r.physicalOffset(), r.size(), r.tagsCode(), r.queueOffset())) {
        for (MessageArrivalListener l : listeners) {
          try {
            l.arrived(r.topic(), r.queueId(), r.queueOffset() + 1, r.tagsCode(),
                r.storeTimestamp());
          } catch (RuntimeException e) {
            LOG.warn("arrival listener {} failed for {}/{}: {}", l, r.topic(), r.queueId(),
                e.toString());
          }
        }
      }
      lastDispatchedStoreTimestamp = r.storeTimestamp();
    }
    if (index != null) {
      index.index(r);
    }
  }

  /**
   * Called after records were appended (their end published): wakes the thread if it sleeps for
   * lack of work; while it is busy it finds them within {@link #BUSY_POLL_NANOS}. Cheap: one
   * volatile read in the common case.
   */
  public void appended() {
    if (sleeping) {
      wakeup();
    }
  }

  /**
   * Asks the dispatch thread to cut the CommitLog back to {@code offset} (a record boundary; the
   * caller checked it), every consume queue and the index with it, and to dispatch again from
   * there: a replica whose log diverged from its master's. Runs between two dispatch passes, so
   * the CommitLog, queues and index are never cut under a pass. The future completes with a
   * one-line report, or exceptionally when a file could not be cut.
   */
  public CompletableFuture<String> truncateAfter(long offset) {
    CompletableFuture<String> done = new CompletableFuture<>();
    Truncation previous = pendingTruncation.getAndSet(new Truncation(offset, done));
    if (previous != null) {
      previous.done().completeExceptionally(
          new IllegalStateException("superseded by a truncation to offset " + offset));
    }
    wakeup();
    return done;
  }

  private void runTruncation() {
    Truncation t = pendingTruncation.getAndSet(null);
    if (t == null) {
      return;
    }
    try {
      long before = commitLog.maxOffset();
      IOException[] failed = new IOException[1];
      commitLog.underAppendLock(() -> {
        try {
          commitLog.segments().truncate(t.offset());
        } catch (IOException e) {
          failed[0] = e;
        }
      });
      if (failed[0] != null) {
        throw failed[0];
      }
      long cut = 0;
      for (ConsumeQueue cq : queues.all()) {
        if (cq.maxPhysicalOffset() > t.offset()) {
          cut += cq.truncateAfter(t.offset());
        }
      }
      long from = Math.min(dispatchedOffset, t.offset());
      if (index != null) {
        from = Math.min(from, index.truncateAfter(t.offset()));
      }
      dispatchedOffset = Math.max(from, commitLog.minOffset());
      for (ConsumeQueue cq : queues.all()) {
        commitLog.setNextQueueOffset(cq.topic(), cq.queueId(), cq.maxOffset());
      }
      t.done().complete("CommitLog cut from offset " + before + " back to " + t.offset()
          + ", " + cut + " consume queue entries removed, dispatching again from offset "
          + dispatchedOffset);
    } catch (IOException | RuntimeException e) {
      t.done().completeExceptionally(e);
    }
  }

  /** Asks the dispatch thread to drop CQ and index files below the new CommitLog min offset. */
  public void requestCleanup(long commitLogMinOffset) {
    pendingCleanupMinOffset = commitLogMinOffset;
    wakeup();
  }

  private void runCleanup() throws IOException {
    long min = pendingCleanupMinOffset;
    if (min < 0) {
      return;
    }
    pendingCleanupMinOffset = -1;
    for (ConsumeQueue cq : queues.all()) {
      cq.deleteExpired(min);
    }
    if (index != null) {
      index.deleteExpired(min);
    }
  }

  /** CommitLog offset up to which everything is dispatched. */
  public long dispatchedOffset() {
    return dispatchedOffset;
  }

  /** Store time of the last record that got a consume-queue entry. */
  public long lastDispatchedStoreTimestamp() {
    return lastDispatchedStoreTimestamp;
  }

  private boolean hasWork() {
    return commitLog.maxOffset() > dispatchedOffset || pendingCleanupMinOffset >= 0
        || pendingTruncation.get() != null;
  }
}
