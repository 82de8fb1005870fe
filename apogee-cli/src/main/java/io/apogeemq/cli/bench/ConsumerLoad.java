package io.apogeemq.cli.bench;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.consumer.ConsumeResult;
import io.apogeemq.client.consumer.PushConsumer;
import io.apogeemq.client.consumer.PushConsumerConfig;
import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.consumer.StartPosition;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consuming side of a bench run: one push consumer (clustering, a fresh group by default) on
 * the topic, {@code threads} listener threads, starting at the first offset.
 *
 * <ul>
 *   <li>backlog ({@code runId == null}): every delivered message counts; no latency;
 *   <li>end-to-end ({@code runId} given): only messages stamped by this run's {@link ProducerLoad}
 *       count, each with latency = now − the send time in its body (same JVM, same clock);
 *       older messages of the topic are skipped.
 * </ul>
 *
 * <p>Deliveries are at least once, so a redelivered message counts again. The listener runs on the
 * consumer's threads; the stats are thread-safe.
 */
final class ConsumerLoad implements AutoCloseable {

  private final LatencyStats stats;
  private final String runId;
  private final PushConsumer consumer;
  private final long startNanos = System.nanoTime();
  private final AtomicLong firstNanos = new AtomicLong();

  ConsumerLoad(ApogeeClient client, BenchOptions options, LatencyStats stats, String runId) {
    this.stats = stats;
    this.runId = runId;
    PushConsumerConfig config = PushConsumerConfig.builder(options.group())
        .subscribe(options.topic(), "*")
        .start(StartPosition.first())
        .consumeThreads(Math.min(options.threads(), 64))
        .batchSize(1)
        .pullBatchSize(32)
        .build();
    this.consumer = client.pushConsumer(config, this::consume);
  }

  private ConsumeResult consume(List<ReceivedMessage> batch) {
    if (firstNanos.get() == 0) {
      firstNanos.compareAndSet(0, System.nanoTime());
    }
    if (runId == null) {
      stats.countOnly(batch.size());
      return ConsumeResult.SUCCESS;
    }
    long now = System.nanoTime();
    for (ReceivedMessage m : batch) {
      if (runId.equals(m.property(ProducerLoad.RUN_PROPERTY)) && m.body().length >= Long.BYTES) {
        long sent = ByteBuffer.wrap(m.body()).getLong(0);
        stats.success(1, (now - sent) / 1000);
      }
    }
    return ConsumeResult.SUCCESS;
  }

  /**
   * Waits until the consumer owns at least one queue of the topic (its first rebalance is done),
   * so that sends timed from now are not measured against the consumer's start-up.
   *
   * @return whether it did before the deadline
   */
  boolean awaitAssignment(String topic, long deadlineNanos) throws InterruptedException {
    while (System.nanoTime() - deadlineNanos < 0) {
      if (consumer.assignedQueues().stream().anyMatch(q -> q.topic().equals(topic))) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /**
   * Seconds from the consumer's creation to its first delivery (start-up: route, rebalance, first
   * pull), or -1 when nothing was delivered.
   */
  double firstDeliverySeconds() {
    long f = firstNanos.get();
    return f == 0 ? -1 : (f - startNanos) / 1e9;
  }

  /** Waits until {@code target} messages were counted or the deadline passed. */
  void awaitCount(long target, long deadlineNanos) throws InterruptedException {
    while (stats.messages() < target && System.nanoTime() - deadlineNanos < 0) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
