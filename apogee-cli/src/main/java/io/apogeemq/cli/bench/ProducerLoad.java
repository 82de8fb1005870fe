package io.apogeemq.cli.bench;

import io.apogeemq.client.message.Message;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Producer threads of a bench run ({@code apogee-bench-producer-<n>}): each sends back to back in
 * the configured {@link SendMode} until the deadline or until the shared message quota is used up,
 * recording every call in one {@link LatencyStats}. A failed send is counted and the thread goes
 * on.
 *
 * <p>With {@code stampSendTime}, each body starts with the {@link System#nanoTime()} of its send
 * (8 bytes, big-endian) and carries the property {@value #RUN_PROPERTY} so that a consumer in the
 * same JVM measures end-to-end latency; otherwise every thread reuses one prebuilt message.
 *
 * <p>Started once by {@link #start()}, waited for by {@link #awaitDone()}. Not reusable.
 */
final class ProducerLoad {

  /** Property naming the run that stamped a message, so a consumer ignores older messages. */
  static final String RUN_PROPERTY = "apogeeBenchRun";

  private final Producer producer;
  private final BenchOptions options;
  private final LatencyStats stats;
  private final String runId;
  private final boolean stampSendTime;
  private final AtomicLong quota;
  private final byte[] body;
  private final List<Thread> threads = new ArrayList<>();
  private volatile long deadlineNanos;

  ProducerLoad(Producer producer, BenchOptions options, LatencyStats stats, String runId,
      boolean stampSendTime) {
    this.producer = producer;
    this.options = options;
    this.stats = stats;
    this.runId = runId;
    this.stampSendTime = stampSendTime;
    this.quota = new AtomicLong(options.count() == 0 ? Long.MAX_VALUE : options.count());
    this.body = new byte[options.size()];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) ('a' + i % 26);
    }
  }

  void start() {
    deadlineNanos = System.nanoTime() + options.duration().toNanos();
    ThreadFactory f = new NamedThreadFactory("apogee-bench-producer");
    for (int i = 0; i < options.threads(); i++) {
      Thread t = f.newThread(this::runLoop);
      threads.add(t);
      t.start();
    }
  }

  /** Waits for every thread (and, in async mode, every outstanding send) to finish. */
  void awaitDone() throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }

  /** Stops the threads early (they finish their current call). */
  void stop() {
    deadlineNanos = System.nanoTime();
  }

  private void runLoop() {
    Message fixed = message();
    Semaphore window = new Semaphore(options.inflight());
    while (System.nanoTime() - deadlineNanos < 0) {
      int n = claim(options.mode() == SendMode.BATCH ? options.batch() : 1);
      if (n == 0) {
        break;
      }
      try {
        switch (options.mode()) {
          case SYNC -> sync(stampSendTime ? message() : fixed);
          case ONEWAY -> oneway(stampSendTime ? message() : fixed);
          case BATCH -> batch(n, fixed);
          case ASYNC -> async(stampSendTime ? message() : fixed, window);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (options.mode() == SendMode.ASYNC) {
      try {
        // every outstanding send completes or times out within the producer's send timeout
        if (!window.tryAcquire(options.inflight(),
            producer.config().sendTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
          stats.error(options.inflight() - window.availablePermits(),
              new IllegalStateException("async sends still unanswered at the end of the run"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int claim(int wanted) {
    while (true) {
      long left = quota.get();
      if (left <= 0) {
        return 0;
      }
      int n = (int) Math.min(wanted, left);
      if (quota.compareAndSet(left, left - n)) {
        return n;
      }
    }
  }

  private void sync(Message m) {
    long t0 = System.nanoTime();
    try {
      producer.send(m);
      stats.success(1, (System.nanoTime() - t0) / 1000);
    } catch (RuntimeException e) {
      stats.error(1, e);
    }
  }

  private void oneway(Message m) {
    long t0 = System.nanoTime();
    try {
      producer.sendOneway(m);
      stats.success(1, (System.nanoTime() - t0) / 1000);
    } catch (RuntimeException e) {
      stats.error(1, e);
    }
  }

  private void batch(int n, Message fixed) {
    List<Message> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(stampSendTime ? message() : fixed);
    }
    long t0 = System.nanoTime();
    try {
      producer.sendBatch(list);
      stats.success(n, (System.nanoTime() - t0) / 1000);
    } catch (RuntimeException e) {
      stats.error(n, e);
    }
  }

  private void async(Message m, Semaphore window) throws InterruptedException {
    window.acquire();
    long t0 = System.nanoTime();
    try {
      producer.sendAsync(m).whenComplete((r, e) -> {
        if (e == null) {
          stats.success(1, (System.nanoTime() - t0) / 1000);
        } else {
          stats.error(1, e);
        }
        window.release();
      });
    } catch (RuntimeException e) {
      stats.error(1, e);
      window.release();
    }
  }

  private Message message() {
    Message.Builder b = Message.builder(options.topic()).tags("bench");
    if (!stampSendTime) {
      return b.body(body).build();
    }
    byte[] stamped = body.clone();
    ByteBuffer.wrap(stamped).putLong(0, System.nanoTime());
    return b.property(RUN_PROPERTY, runId).body(stamped).build();
  }
}
