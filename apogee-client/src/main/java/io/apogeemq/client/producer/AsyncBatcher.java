package io.apogeemq.client.producer;

import io.apogeemq.client.ClientException;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.SendResult;
import io.apogeemq.common.name.NameRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Automatic batching of async sends ({@link AutoBatching}): per topic (and {@code waitStoreOk}
 * value) it collects messages with their futures until the batch is full (count or bytes) or the
 * first message waited {@code linger}, then sends the batch through the producer's async path
 * (retries included) and completes every message's future with its own result, or with the
 * batch's error.
 *
 * <p>Thread-safe: each topic's pending batch is guarded by its own monitor, held only to add or
 * drain (never across encoding or I/O). Linger timers run on the client's scheduler.
 */
final class AsyncBatcher {

  /** Per-message overhead besides body and properties in a batch body (codes.md §3.3). */
  private static final int ENTRY_OVERHEAD = 22;

  private final Producer producer;
  private final ScheduledExecutorService scheduler;
  private final AutoBatching bounds;
  private final int maxMessageSize;
  private final int maxBytes;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** The batch being collected for one topic. Guarded by its own monitor. */
  private static final class Pending {
    List<Message> messages = new ArrayList<>();
    List<CompletableFuture<SendResult>> futures = new ArrayList<>();
    long bytes;
    long generation;

    Drained drain() {
      Drained d = new Drained(messages, futures);
      messages = new ArrayList<>();
      futures = new ArrayList<>();
      bytes = 0;
      generation++;
      return d;
    }
  }

  private record Drained(List<Message> messages, List<CompletableFuture<SendResult>> futures) {}

  AsyncBatcher(Producer producer, ScheduledExecutorService scheduler, AutoBatching bounds,
      int maxMessageSize) {
    this.producer = producer;
    this.scheduler = scheduler;
    this.bounds = bounds;
    this.maxMessageSize = maxMessageSize;
    this.maxBytes = Math.min(bounds.maxBytes(), maxMessageSize);
  }

  /** Messages that may be batched: no order, delay or timer requirement, not to a retry topic. */
  static boolean eligible(Message m) {
    return m.shardingKey() == null && m.delayLevel() <= 0 && m.deliveryTimeMillis() <= 0
        && !NameRules.isRetryTopic(m.topic());
  }

  CompletableFuture<SendResult> add(Message m) {
    CompletableFuture<SendResult> f = new CompletableFuture<>();
    if (m.body().length > maxMessageSize) {
      f.completeExceptionally(new ClientException("message to topic '" + m.topic()
          + "' has a body of " + m.body().length + " bytes, over the limit of " + maxMessageSize));
      return f;
    }
    String key = m.waitStoreOk() ? m.topic() : m.topic() + "\u0000nowait";
    Pending p = pending.computeIfAbsent(key, k -> new Pending());
    Drained full = null;
    long lingerGeneration = -1;
    synchronized (p) {
      p.messages.add(m);
      p.futures.add(f);
      p.bytes += estimate(m);
      if (p.messages.size() >= bounds.maxMessages() || p.bytes >= maxBytes) {
        full = p.drain();
      } else if (p.messages.size() == 1) {
        lingerGeneration = p.generation;
      }
    }
    if (full != null) {
      send(full);
    } else if (lingerGeneration >= 0) {
      long gen = lingerGeneration;
      try {
        scheduler.schedule(() -> flush(p, gen), bounds.linger().toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        flush(p, gen);
      }
    }
    return f;
  }

  private static long estimate(Message m) {
    long props = 64;
    for (Map.Entry<String, String> e : m.properties().entrySet()) {
      props += e.getKey().length() + e.getValue().length() + 2;
    }
    return ENTRY_OVERHEAD + m.body().length + props;
  }

  /** Linger timer: sends the batch it was started for, unless it already left. */
  private void flush(Pending p, long generation) {
    Drained d = null;
    synchronized (p) {
      if (p.generation == generation && !p.messages.isEmpty()) {
        d = p.drain();
      }
    }
    if (d != null) {
      send(d);
    }
  }

  /** Sends every pending batch now (producer close). */
  void flushAll() {
    for (Pending p : pending.values()) {
      Drained d = null;
      synchronized (p) {
        if (!p.messages.isEmpty()) {
          d = p.drain();
        }
      }
      if (d != null) {
        send(d);
      }
    }
  }

  private void send(Drained d) {
    List<PreparedMessage> parts;
    try {
      parts = producer.prepareBatch(d.messages());
    } catch (RuntimeException e) {
      new BatchOutcome(d.futures(), d.messages().get(0).topic()).failed(e);
      return;
    }
    int from = 0;
    for (PreparedMessage part : parts) {
      int n = part.batchIds().length;
      producer.sendBatchAsync(part, new BatchOutcome(d.futures().subList(from, from + n),
          part.topic()));
      from += n;
    }
  }

  /** Completes each message's future of one batch request. */
  private static final class BatchOutcome implements Producer.AsyncOutcome {
    private final List<CompletableFuture<SendResult>> futures;
    private final String topic;

    BatchOutcome(List<CompletableFuture<SendResult>> futures, String topic) {
      this.futures = futures;
      this.topic = topic;
    }

    @Override
    public void stored(List<SendResult> results) {
      if (results.size() != futures.size()) {
        failed(new ClientException("batch to topic '" + topic + "': " + results.size()
            + " results for " + futures.size() + " messages"));
        return;
      }
      for (int i = 0; i < futures.size(); i++) {
        futures.get(i).complete(results.get(i));
      }
    }

    @Override
    public void failed(Throwable error) {
      for (CompletableFuture<SendResult> f : futures) {
        f.completeExceptionally(new ClientException("automatic batch of " + futures.size()
            + " message(s) to topic '" + topic + "' failed: " + error.getMessage(), error));
      }
    }
  }
}
