package io.apogeemq.client.consumer;

import io.apogeemq.client.ClientException;
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
 * Runs the listener on a fixed pool (semantics.md §7.4): pulled messages in batches of
 * {@code batchSize}; successes leave the process queue and raise the committed offset to the
 * lowest unconsumed one; failures are sent back to the broker for redelivery with backoff (DLQ at
 * {@code maxReconsumeTimes}), and re-consumed locally after 5 s when even that fails.
 *
 * <p>The queue of the pool is unbounded, but what it holds is bounded by flow control (at most
 * {@code maxCachedPerQueue} messages per assigned queue). Thread-safe.
 */
final class ConcurrentConsumeService implements ConsumeService {

  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentConsumeService.class);
  private static final long LOCAL_RETRY_DELAY_MS = 5_000;

  private final PushConsumer consumer;
  private final MessageListener listener;
  private final ThreadPoolExecutor pool;

  ConcurrentConsumeService(PushConsumer consumer, MessageListener listener) {
    this.consumer = consumer;
    this.listener = listener;
    int n = consumer.config().consumeThreads();
    this.pool = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        new NamedThreadFactory("apogee-consume-" + consumer.group()));
  }

  @Override
  public void submit(ProcessQueue pq, List<ReceivedMessage> messages) {
    int size = consumer.config().batchSize();
    for (int i = 0; i < messages.size(); i += size) {
      List<ReceivedMessage> batch = messages.subList(i, Math.min(messages.size(), i + size));
      try {
        pool.execute(() -> consume(pq, batch));
      } catch (RejectedExecutionException stopping) {
        return;
      }
    }
  }

  private void consume(ProcessQueue pq, List<ReceivedMessage> batch) {
    if (pq.isDropped() || consumer.isStopping()) {
      return;
    }
    ConsumeResult result;
    try {
      result = listener.consume(batch);
    } catch (Throwable t) {
      LOG.warn("listener of group {} threw on {} message(s) of {} (first offset {}): {}",
          consumer.group(), batch.size(), pq.queue(), batch.get(0).queueOffset(), t.toString());
      result = ConsumeResult.RETRY_LATER;
    }
    List<ReceivedMessage> done = batch;
    if (result != ConsumeResult.SUCCESS && consumer.config().broadcasting()) {
      LOG.warn("broadcasting group {} drops {} failed message(s) of {} from offset {} "
          + "(no redelivery in broadcasting)", consumer.group(), batch.size(), pq.queue(),
          batch.get(0).queueOffset());
    } else if (result != ConsumeResult.SUCCESS) {
      done = new ArrayList<>(batch.size());
      List<ReceivedMessage> keep = new ArrayList<>();
      for (ReceivedMessage m : batch) {
        try {
          consumer.api().sendBack(consumer.group(), m, consumer.config().retryDelayLevel(),
              consumer.config().effectiveMaxReconsumeTimes(false));
          done.add(m);
        } catch (ClientException e) {
          LOG.warn("send-back of {} failed, consuming it again locally in {} ms: {}",
              m.messageId(), LOCAL_RETRY_DELAY_MS, e.getMessage());
          keep.add(m);
        }
      }
      if (!keep.isEmpty()) {
        try {
          consumer.runtime().scheduler().schedule(() -> submit(pq, keep), LOCAL_RETRY_DELAY_MS,
              TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
          // not committed: redelivered after restart
        }
      }
    }
    long offset = pq.remove(done);
    if (offset >= 0 && !pq.isDropped()) {
      consumer.offsets().update(pq.queue(), offset);
    }
  }


  /**
   * Lets running listener calls finish (batches not yet started are skipped because the consumer
   * is stopping); waits at most {@code timeoutMillis}.
   */
  @Override
  public boolean shutdown(long timeoutMillis) throws InterruptedException {
    pool.shutdown();
    boolean finished = pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    if (!finished) {
      LOG.warn("listener of group {} still busy after {} ms; interrupting it", consumer.group(),
          timeoutMillis);
      pool.shutdownNow();
    }
    return finished;
  }
}
