package io.apogeemq.client.consumer;

import io.apogeemq.client.consumer.allocate.AllocationStrategy;
import io.apogeemq.common.name.NameRules;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one {@link PushConsumer}; defaults follow the official {@code DefaultMQPushConsumer}
 * (semantics.md §5.2) except the smaller consume pool.
 *
 * @param group consumer group
 * @param subscriptions topic -> tag expression
 * @param start where a queue without a committed offset starts
 * @param allocation queue allocation strategy (must match the other members of the group)
 * @param consumeThreads listener threads (official: 20)
 * @param batchSize most messages per listener call (official: 1)
 * @param pullBatchSize most messages per pull (official: 32)
 * @param maxCachedPerQueue flow control: held messages per queue (official: 1000)
 * @param maxCachedBytesPerQueue flow control: held body bytes per queue (official: 100 MiB)
 * @param maxSpan flow control: highest minus lowest held offset (official: 2000)
 * @param maxReconsumeTimes redeliveries before the DLQ; -1 (the default) is the official default:
 *     16 for concurrent listeners, {@link Integer#MAX_VALUE} (never) for orderly ones
 * @param retryDelayLevel delay level of a redelivery; 0 lets the broker choose
 *     {@code 3 + reconsumeTimes} (10 s, 30 s, 1 min, ... — the official default)
 * @param longPollTimeout how long the broker may hold an empty pull (official: 15 s)
 * @param rebalanceInterval periodic rebalance (official: 20 s)
 * @param persistInterval periodic offset commit (official: 5 s)
 * @param shutdownTimeout how long {@code close()} waits for in-flight listeners
 * @param broadcasting every member consumes every queue; offsets in a local file; failed
 *     messages are logged and dropped (no retry topic)
 * @param offsetDir root of broadcasting offset files ({@code <dir>/<clientId>/<group>/offsets.json})
 * @param suspendInterval orderly: how long a queue pauses before a failed batch is consumed
 *     again (official {@code suspendCurrentQueueTimeMillis}: 1 s, clamped to 10 ms..30 s)
 * @param lockInterval orderly: period of re-locking the assigned queues on their brokers
 *     (official: 20 s; a lock not renewed for 30 s is considered lost)
 */
public record PushConsumerConfig(String group, Map<String, String> subscriptions,
    StartPosition start, AllocationStrategy allocation, int consumeThreads, int batchSize,
    int pullBatchSize, int maxCachedPerQueue, long maxCachedBytesPerQueue, int maxSpan,
    int maxReconsumeTimes, int retryDelayLevel, Duration longPollTimeout, Duration rebalanceInterval,
    Duration persistInterval, Duration shutdownTimeout, boolean broadcasting,
    java.nio.file.Path offsetDir, Duration suspendInterval, Duration lockInterval) {

  /** Concurrent listeners' default {@code maxReconsumeTimes} (official). */
  public static final int DEFAULT_MAX_RECONSUME_TIMES = 16;

  public PushConsumerConfig {
    Objects.requireNonNull(group, "group");
    NameRules.groupProblem(group).ifPresent(p -> {
      throw new IllegalArgumentException("consumer group '" + group + "': " + p);
    });
    subscriptions = Map.copyOf(new LinkedHashMap<>(subscriptions));
    if (subscriptions.isEmpty()) {
      throw new IllegalArgumentException("consumer group '" + group + "' subscribes to nothing");
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(offsetDir, "offsetDir");
    Objects.requireNonNull(allocation, "allocation");
    if (consumeThreads < 1 || consumeThreads > 1000 || batchSize < 1 || batchSize > 1024
        || pullBatchSize < 1 || pullBatchSize > 1024 || maxCachedPerQueue < 1
        || maxCachedBytesPerQueue < 1 || maxSpan < 1 || maxReconsumeTimes < -1
        || retryDelayLevel < 0) {
      throw new IllegalArgumentException("invalid push consumer config for group " + group);
    }
    Objects.requireNonNull(suspendInterval, "suspendInterval");
    Objects.requireNonNull(lockInterval, "lockInterval");
    if (suspendInterval.toMillis() < 10 || suspendInterval.toMillis() > 30_000) {
      throw new IllegalArgumentException("consumer group '" + group + "': suspendInterval "
          + suspendInterval + " is outside 10 ms..30 s");
    }
    if (lockInterval.toMillis() < 100 || lockInterval.toMillis() > 25_000) {
      throw new IllegalArgumentException("consumer group '" + group + "': lockInterval "
          + lockInterval + " is outside 100 ms..25 s (a lock not renewed for 30 s is lost)");
    }
  }

  /** {@code maxReconsumeTimes} with -1 resolved to the official default of the listener kind. */
  public int effectiveMaxReconsumeTimes(boolean orderly) {
    if (maxReconsumeTimes >= 0) {
      return maxReconsumeTimes;
    }
    return orderly ? Integer.MAX_VALUE : DEFAULT_MAX_RECONSUME_TIMES;
  }

  /** A builder for {@code group} with the defaults listed on the record. */
  public static Builder builder(String group) {
    return new Builder(group);
  }

  /** Builds a {@link PushConsumerConfig}. Not thread-safe. */
  public static final class Builder {
    private final String group;
    private final Map<String, String> subscriptions = new LinkedHashMap<>();
    private StartPosition start = StartPosition.last();
    private AllocationStrategy allocation = AllocationStrategy.averagely();
    private int consumeThreads = 4;
    private int batchSize = 1;
    private int pullBatchSize = 32;
    private int maxCachedPerQueue = 1000;
    private long maxCachedBytesPerQueue = 100L * 1024 * 1024;
    private int maxSpan = 2000;
    private int maxReconsumeTimes = -1;
    private Duration suspendInterval = Duration.ofSeconds(1);
    private Duration lockInterval = Duration.ofSeconds(20);
    private int retryDelayLevel = 0;
    private Duration longPollTimeout = Duration.ofSeconds(15);
    private Duration rebalanceInterval = Duration.ofSeconds(20);
    private Duration persistInterval = Duration.ofSeconds(5);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private boolean broadcasting;
    private java.nio.file.Path offsetDir = java.nio.file.Path.of(
        System.getProperty("user.home"), ".apogee_offsets");

    private Builder(String group) {
      this.group = group;
    }

    /** Subscribes {@code topic} with a tag expression ({@code *} for all). */
    public Builder subscribe(String topic, String tagExpression) {
      subscriptions.put(topic, tagExpression);
      return this;
    }

    public Builder start(StartPosition start) {
      this.start = start;
      return this;
    }

    public Builder allocation(AllocationStrategy strategy) {
      this.allocation = strategy;
      return this;
    }

    public Builder consumeThreads(int n) {
      this.consumeThreads = n;
      return this;
    }

    public Builder batchSize(int n) {
      this.batchSize = n;
      return this;
    }

    public Builder pullBatchSize(int n) {
      this.pullBatchSize = n;
      return this;
    }

    public Builder flowControl(int maxMessages, long maxBytes, int maxSpan) {
      this.maxCachedPerQueue = maxMessages;
      this.maxCachedBytesPerQueue = maxBytes;
      this.maxSpan = maxSpan;
      return this;
    }

    public Builder maxReconsumeTimes(int n) {
      this.maxReconsumeTimes = n;
      return this;
    }

    public Builder retryDelayLevel(int level) {
      this.retryDelayLevel = level;
      return this;
    }

    public Builder longPollTimeout(Duration d) {
      this.longPollTimeout = d;
      return this;
    }

    public Builder rebalanceInterval(Duration d) {
      this.rebalanceInterval = d;
      return this;
    }

    public Builder persistInterval(Duration d) {
      this.persistInterval = d;
      return this;
    }

    public Builder shutdownTimeout(Duration d) {
      this.shutdownTimeout = d;
      return this;
    }

    /** Every member gets every message; offsets are kept in files under {@code offsetDir}. */
    public Builder broadcasting(java.nio.file.Path offsetDir) {
      this.broadcasting = true;
      this.offsetDir = offsetDir;
      return this;
    }

    /** Orderly: pause of a queue after a failed batch before it is consumed again. */
    public Builder suspendInterval(Duration d) {
      this.suspendInterval = d;
      return this;
    }

    /** Orderly: re-lock period of the assigned queues. */
    public Builder lockInterval(Duration d) {
      this.lockInterval = d;
      return this;
    }

    public PushConsumerConfig build() {
      return new PushConsumerConfig(group, subscriptions, start, allocation, consumeThreads,
          batchSize, pullBatchSize, maxCachedPerQueue, maxCachedBytesPerQueue, maxSpan,
          maxReconsumeTimes, retryDelayLevel, longPollTimeout, rebalanceInterval, persistInterval,
          shutdownTimeout, broadcasting, offsetDir, suspendInterval, lockInterval);
    }
  }
}
