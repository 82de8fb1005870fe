package io.apogeemq.store.flush;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.store.PutStatus;
import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.commitlog.CommitLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SYNC_FLUSH with group commit (storage.md §12.1): appenders {@link #submit} the offset their
 * records end at; the flusher thread takes every request waiting at that moment, issues one
 * {@code force} up to the CommitLog end at that moment (appends go on into the following bytes
 * meanwhile), and completes each request that force covered — including requests that arrived
 * during the force for records it already covered. A request still waiting after
 * {@code syncFlushTimeout} is completed with {@link PutStatus#FLUSH_DISK_TIMEOUT} by the flusher's
 * watchdog, even if the force itself hangs.
 *
 * <p>Thread-safety: {@link #submit} from any thread (lock-free queue); owns two threads,
 * {@code apogee-store-group-commit} and {@code apogee-store-flush-watchdog}.
 */
public final class GroupCommitFlusher {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitFlusher.class);

  private final CommitLog commitLog;
  private final StoreCheckpoint checkpoint;
  private final long timeoutNanos;
  private final FlushFailureListener failures;
  private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Request> inFlight = new ConcurrentLinkedQueue<>();
  private volatile boolean running;
  private Thread flusher;
  private Thread watchdog;

  private record Request(long nextOffset, long deadlineNanos, CompletableFuture<PutStatus> done) {}

  public GroupCommitFlusher(CommitLog commitLog, StoreCheckpoint checkpoint,
      long syncFlushTimeoutMillis, FlushFailureListener failures) {
    this.commitLog = commitLog;
    this.checkpoint = checkpoint;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(syncFlushTimeoutMillis);
    this.failures = failures;
  }

  public void start() {
    running = true;
    flusher = new NamedThreadFactory("apogee-store-group-commit").newThread(this::runFlusher);
    watchdog = new NamedThreadFactory("apogee-store-flush-watchdog").newThread(this::runWatchdog);
    flusher.start();
    watchdog.start();
  }

  /**
   * Waits for the CommitLog to be forced up to {@code nextOffset}. Completes with PUT_OK or
   * FLUSH_DISK_TIMEOUT; never exceptionally.
   */
  public CompletableFuture<PutStatus> submit(long nextOffset) {
    CompletableFuture<PutStatus> done = new CompletableFuture<>();
    if (commitLog.flushedOffset() >= nextOffset) {
      done.complete(PutStatus.PUT_OK);
      return done;
    }
    Request r = new Request(nextOffset, System.nanoTime() + timeoutNanos, done);
    queue.add(r);
    inFlight.add(r);
    if (!running) {
      r.done.complete(PutStatus.FLUSH_DISK_TIMEOUT);
    }
    LockSupport.unpark(flusher);
    return done;
  }

  private void runFlusher() {
    List<Request> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      Request r;
      while ((r = queue.poll()) != null) {
        batch.add(r);
      }
      if (batch.isEmpty()) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
        continue;
      }
      long ts = commitLog.lastStoreTimestamp();
      long flushed;
      try {
        flushed = commitLog.segments().flush(0);
        checkpoint.setPhysicMsgTimestamp(ts);
      } catch (IOException | RuntimeException e) {
        LOG.error("SYNC_FLUSH force of the CommitLog failed; {} waiting appends get"
            + " FLUSH_DISK_TIMEOUT", batch.size(), e);
        failures.flushFailed("CommitLog force", e);
        for (Request b : batch) {
          b.done.complete(PutStatus.FLUSH_DISK_TIMEOUT);
        }
        batch.clear();
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
        continue;
      }
      for (Request b : batch) {
        if (b.nextOffset <= flushed) {
          b.done.complete(PutStatus.PUT_OK);
        } else {
          queue.add(b);
        }
      }
      batch.clear();
      completeCoveredArrivals(flushed);
    }
  }

  /**
   * Completes requests that arrived while the force ran but whose records that force already
   * covered (they were written before it started), so they do not wait for one more force. Stops at
   * the first request the force did not cover; that one starts the next round.
   */
  private void completeCoveredArrivals(long flushed) {
    Request r;
    while ((r = queue.peek()) != null && r.nextOffset <= flushed) {
      queue.poll(); // this thread is the only consumer: poll returns r
      r.done.complete(PutStatus.PUT_OK);
    }
  }

  private void runWatchdog() {
    while (running) {
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
      long now = System.nanoTime();
      inFlight.removeIf(r -> {
        if (r.done.isDone()) {
          return true;
        }
        if (now - r.deadlineNanos >= 0) {
          r.done.complete(PutStatus.FLUSH_DISK_TIMEOUT);
          return true;
        }
        return false;
      });
    }
  }

  /** Flushes what is pending, completes every waiter, stops both threads. */
  public void stop() {
    running = false;
    join(flusher);
    join(watchdog);
    Request r;
    while ((r = queue.poll()) != null) {
      r.done.complete(commitLog.flushedOffset() >= r.nextOffset ? PutStatus.PUT_OK
          : PutStatus.FLUSH_DISK_TIMEOUT);
    }
    inFlight.forEach(x -> x.done.complete(PutStatus.FLUSH_DISK_TIMEOUT));
    inFlight.clear();
  }

  private static void join(Thread t) {
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
