package io.apogeemq.broker.ha;

import io.apogeemq.store.PutStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The SYNC_MASTER sends waiting for a slave's acknowledgement, grouped like the store's group
 * commit: every waiter is a future keyed by the CommitLog offset its records end at; one slave
 * report completes every waiter at or below the acknowledged offset, and one periodic sweep
 * times out the rest. No thread ever blocks per send.
 *
 * <p>Thread-safe: registration, acknowledgement and the sweep synchronize on this object only to
 * move entries; futures are completed outside the lock (completion writes responses).
 */
final class ReplicaWaiters {

  private record Waiter(long offset, long deadlineNanos, CompletableFuture<PutStatus> done) {}

  private final PriorityQueue<Waiter> waiting =
      new PriorityQueue<>((a, b) -> Long.compare(a.offset, b.offset));
  private final LongSupplier nanoTime;
  private long acked = -1;
  private boolean closed;

  ReplicaWaiters(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * A future that completes with {@code PUT_OK} once a slave acknowledged {@code offset}, or with
   * {@code FLUSH_SLAVE_TIMEOUT} after {@code timeoutMillis}.
   */
  CompletableFuture<PutStatus> await(long offset, long timeoutMillis) {
    CompletableFuture<PutStatus> done = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        done.complete(PutStatus.FLUSH_SLAVE_TIMEOUT);
        return done;
      }
      if (acked >= offset) {
        done.complete(PutStatus.PUT_OK);
        return done;
      }
      waiting.add(new Waiter(offset, nanoTime.getAsLong() + timeoutMillis * 1_000_000L, done));
    }
    return done;
  }

  /** A slave acknowledged everything below {@code offset}: completes those waiters. */
  void acknowledged(long offset) {
    List<Waiter> ready = null;
    synchronized (this) {
      if (offset <= acked) {
        return;
      }
      acked = offset;
      while (!waiting.isEmpty() && waiting.peek().offset <= offset) {
        if (ready == null) {
          ready = new ArrayList<>();
        }
        ready.add(waiting.poll());
      }
    }
    if (ready != null) {
      for (Waiter w : ready) {
        w.done.complete(PutStatus.PUT_OK);
      }
    }
  }

  /** Times out every waiter whose deadline has passed. */
  void expire() {
    List<Waiter> late = null;
    synchronized (this) {
      if (waiting.isEmpty()) {
        return;
      }
      long now = nanoTime.getAsLong();
      for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (now - w.deadlineNanos >= 0) {
          it.remove();
          if (late == null) {
            late = new ArrayList<>();
          }
          late.add(w);
        }
      }
    }
    if (late != null) {
      for (Waiter w : late) {
        w.done.complete(PutStatus.FLUSH_SLAVE_TIMEOUT);
      }
    }
  }

  /** Highest offset a slave acknowledged, -1 before the first. */
  synchronized long acked() {
    return acked;
  }

  synchronized int size() {
    return waiting.size();
  }

  /** Completes every waiter with {@code FLUSH_SLAVE_TIMEOUT} and refuses new ones (shutdown). */
  void close() {
    List<Waiter> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(waiting);
      waiting.clear();
    }
    for (Waiter w : all) {
      w.done.complete(PutStatus.FLUSH_SLAVE_TIMEOUT);
    }
  }
}
