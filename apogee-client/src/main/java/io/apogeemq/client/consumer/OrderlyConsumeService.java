package io.apogeemq.client.consumer;

import io.apogeemq.client.ClientException;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orderly consumption (semantics.md §8.3): per queue at most one consume task is scheduled or
 * running; it holds the queue's consume lock while it hands the held messages to the listener in
 * offset order, {@code batchSize} at a time.
 *
 * <ul>
 *   <li>{@link OrderlyResult#SUCCESS}: the batch leaves the process queue and the committed offset
 *       becomes the lowest unconsumed one (offsets are committed in order).
 *   <li>{@link OrderlyResult#SUSPEND}, an exception or {@code null}: local retry — each message's
 *       {@code reconsumeTimes} goes up by one, the queue pauses for {@code suspendInterval}, then
 *       the same batch is delivered again. A message that already failed
 *       {@code maxReconsumeTimes} times is sent to the group's DLQ instead
 *       ({@code CONSUMER_SEND_MSG_BACK} with delay level -1) and committed; if that fails the
 *       queue is suspended again.
 *   <li>A task yields after 60 s of continuous consumption (resubmitted 10 ms later) so one busy
 *       queue cannot starve the others.
 *   <li>Clustering: a queue whose broker lock is not valid (lost, or not renewed for 30 s) is
 *       not consumed; the task tries to lock that queue again after 100 ms, then every 3 s.
 * </ul>
 *
 * <p>Thread-safe. Threads: the listener pool {@code apogee-consume-<group>-n}; waits go through
 * the client's scheduler.
 */
final class OrderlyConsumeService implements ConsumeService {

  private static final Logger LOG = LoggerFactory.getLogger(OrderlyConsumeService.class);
  private static final long MAX_CONTINUOUS_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long YIELD_DELAY_MS = 10;
  private static final long RELOCK_FIRST_DELAY_MS = 100;
  private static final long RELOCK_RETRY_DELAY_MS = 3_000;

  private enum Next { DONE, SUSPEND, YIELD, RELOCK }

  private final PushConsumer consumer;
  private final OrderlyMessageListener listener;
  private final QueueLocks locks;
  private final ThreadPoolExecutor pool;
  private final int maxReconsumeTimes;

  /** {@code locks} is null in broadcasting mode (nothing is locked). */
  OrderlyConsumeService(PushConsumer consumer, OrderlyMessageListener listener,
      QueueLocks locks) {
    this.consumer = consumer;
    this.listener = listener;
    this.locks = locks;
    this.maxReconsumeTimes = consumer.config().effectiveMaxReconsumeTimes(true);
    int n = consumer.config().consumeThreads();
    this.pool = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        new NamedThreadFactory("apogee-consume-" + consumer.group()));
  }

  @Override
  public void submit(ProcessQueue pq, List<ReceivedMessage> found) {
    if (pq.claimTask()) {
      runSoon(pq, 0);
    }
  }

  /** Runs the (claimed) task of {@code pq} on the pool after {@code delayMillis}. */
  private void runSoon(ProcessQueue pq, long delayMillis) {
    try {
      if (delayMillis == 0) {
        pool.execute(() -> run(pq));
      } else {
        consumer.runtime().scheduler().schedule(() -> runSoon(pq, 0), delayMillis,
            TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException stopping) {
      pq.releaseTask();
    }
  }

  private void run(ProcessQueue pq) {
    if (pq.isDropped() || consumer.isStopping()) {
      pq.releaseTask();
      return;
    }
    Next next;
    pq.consumeLock().lock();
    try {
      next = consumeWhileAllowed(pq);
    } finally {
      pq.consumeLock().unlock();
    }
    switch (next) {
      case SUSPEND -> runSoon(pq, consumer.config().suspendInterval().toMillis());
      case YIELD -> runSoon(pq, YIELD_DELAY_MS);
      case RELOCK -> relockSoon(pq, RELOCK_FIRST_DELAY_MS);
      case DONE -> {
        pq.releaseTask();
        // messages added after the last look would otherwise wait for the next pull
        if (!pq.isEmpty() && !pq.isDropped() && !consumer.isStopping() && pq.claimTask()) {
          runSoon(pq, 0);
        }
      }
    }
  }

  private Next consumeWhileAllowed(ProcessQueue pq) {
    long begin = System.nanoTime();
    int batchSize = consumer.config().batchSize();
    while (true) {
      if (pq.isDropped() || consumer.isStopping()) {
        return Next.DONE;
      }
      if (locks != null && !pq.lockValid(System.nanoTime())) {
        return Next.RELOCK;
      }
      if (System.nanoTime() - begin > MAX_CONTINUOUS_NANOS) {
        return Next.YIELD;
      }
      List<ReceivedMessage> batch = pq.firstHeld(batchSize);
      if (batch.isEmpty()) {
        return Next.DONE;
      }
      OrderlyResult result = call(pq.queue(), batch);
      if (pq.isDropped()) {
        // given up meanwhile: not committed here, the queue's next owner delivers it again
        return Next.DONE;
      }
      if (result == OrderlyResult.SUCCESS) {
        commit(pq, batch);
      } else if (mustSuspend(pq, batch)) {
        return Next.SUSPEND;
      }
    }
  }

  private OrderlyResult call(MessageQueue q, List<ReceivedMessage> batch) {
    try {
      OrderlyResult r = listener.consume(batch);
      return r == null ? OrderlyResult.SUSPEND : r;
    } catch (Throwable t) {
      LOG.warn("orderly listener of group {} threw on {} message(s) of {} (first offset {}): {}",
          consumer.group(), batch.size(), q, batch.get(0).queueOffset(), t.toString());
      return OrderlyResult.SUSPEND;
    }
  }

  private void commit(ProcessQueue pq, List<ReceivedMessage> done) {
    long offset = pq.remove(done);
    if (offset >= 0 && !pq.isDropped()) {
      consumer.offsets().update(pq.queue(), offset);
    }
  }

  /**
   * A failed batch: messages at their limit go to the DLQ (and are committed), the others count
   * a local failure. True when something is left to retry after the suspension.
   */
  private boolean mustSuspend(ProcessQueue pq, List<ReceivedMessage> batch) {
    boolean suspend = false;
    List<ReceivedMessage> finished = new ArrayList<>();
    for (ReceivedMessage m : batch) {
      if (m.reconsumeTimes() < maxReconsumeTimes) {
        pq.countFailure(m.queueOffset());
        suspend = true;
      } else if (consumer.config().broadcasting()) {
        LOG.warn("broadcasting group {} drops {} of {} at offset {} after {} failed deliveries",
            consumer.group(), m.messageId(), pq.queue(), m.queueOffset(), m.reconsumeTimes() + 1);
        finished.add(m);
      } else {
        try {
          consumer.api().sendBack(consumer.group(), m, -1, maxReconsumeTimes);
          LOG.warn("group {}: {} of {} at offset {} failed {} times; moved to the DLQ",
              consumer.group(), m.messageId(), pq.queue(), m.queueOffset(),
              m.reconsumeTimes() + 1);
          finished.add(m);
        } catch (ClientException e) {
          LOG.warn("group {}: moving {} of {} at offset {} to the DLQ failed ({}); the queue is "
              + "suspended and tries again", consumer.group(), m.messageId(), pq.queue(),
              m.queueOffset(), e.getMessage());
          pq.countFailure(m.queueOffset());
          suspend = true;
        }
      }
    }
    if (!finished.isEmpty()) {
      commit(pq, finished);
    }
    return suspend;
  }

  /** The queue's lock is not valid: try to lock it alone; consume 10 ms after it is granted. */
  private void relockSoon(ProcessQueue pq, long delayMillis) {
    try {
      consumer.runtime().scheduler().schedule(() -> {
        try {
          pool.execute(() -> relock(pq));
        } catch (RejectedExecutionException stopping) {
          pq.releaseTask();
        }
      }, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      pq.releaseTask();
    }
  }

  private void relock(ProcessQueue pq) {
    if (pq.isDropped() || consumer.isStopping()) {
      pq.releaseTask();
      return;
    }
    if (locks.lock(List.of(pq.queue())).contains(pq.queue())) {
      pq.lockGranted(System.nanoTime());
      runSoon(pq, YIELD_DELAY_MS);
    } else {
      LOG.info("group {}: {} is not locked by this member; consumption waits", consumer.group(),
          pq.queue());
      relockSoon(pq, RELOCK_RETRY_DELAY_MS);
    }
  }

  @Override
  public boolean shutdown(long timeoutMillis) throws InterruptedException {
    pool.shutdown();
    boolean finished = pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    if (!finished) {
      LOG.warn("orderly listener of group {} still busy after {} ms; interrupting it",
          consumer.group(), timeoutMillis);
      pool.shutdownNow();
    }
    return finished;
  }
}
