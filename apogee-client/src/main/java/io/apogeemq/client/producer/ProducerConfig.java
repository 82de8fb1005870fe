package io.apogeemq.client.producer;

import io.apogeemq.common.name.MessageLimits;
import io.apogeemq.common.name.NameRules;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link Producer}.
 *
 * @param group producer group (heartbeats, transaction check-back)
 * @param sendTimeout total budget of one send, retries included (official: 3 s)
 * @param retries extra attempts of a sync send, each preferring another broker (official: 2)
 * @param asyncRetries extra attempts of an async send after a transport failure (official: 2)
 * @param compressOverBytes bodies of at least this many bytes are zlib-compressed (official: 4096)
 * @param compressLevel zlib level (official: 5)
 * @param maxMessageSize largest body (and largest batch request body) accepted (official: 4 MiB)
 * @param faultAvoidance prefer brokers outside their latency penalty window (official: off)
 * @param defaultTopicQueueNums queues per broker when a send auto-creates a topic (official: 4)
 * @param binaryHeaders write request headers in ROCKETMQ binary form instead of JSON (both are
 *     understood by every broker; binary is smaller and cheaper to encode)
 * @param autoBatching how {@link Producer#sendAsync(io.apogeemq.client.message.Message)} groups
 *     messages into batch requests ({@link AutoBatching#OFF} by default)
 */
public record ProducerConfig(String group, Duration sendTimeout, int retries, int asyncRetries,
    int compressOverBytes, int compressLevel, int maxMessageSize, boolean faultAvoidance,
    int defaultTopicQueueNums, boolean binaryHeaders, AutoBatching autoBatching) {

  public ProducerConfig {
    Objects.requireNonNull(group, "group");
    NameRules.groupProblem(group).ifPresent(p -> {
      throw new IllegalArgumentException("producer group '" + group + "': " + p);
    });
    Objects.requireNonNull(sendTimeout, "sendTimeout");
    Objects.requireNonNull(autoBatching, "autoBatching");
    if (sendTimeout.toMillis() < 1 || retries < 0 || asyncRetries < 0 || compressOverBytes < 1
        || compressLevel < 0 || compressLevel > 9 || maxMessageSize < 1
        || defaultTopicQueueNums < 1) {
      throw new IllegalArgumentException("invalid producer config for group " + group);
    }
  }

  /** The official defaults, except fault avoidance on and binary headers. */
  public static ProducerConfig defaults(String group) {
    return new ProducerConfig(group, Duration.ofSeconds(3), 2, 2, 4096, 5,
        MessageLimits.DEFAULT_MAX_MESSAGE_SIZE, true, 4, true, AutoBatching.OFF);
  }

  public ProducerConfig withSendTimeout(Duration timeout) {
    return new ProducerConfig(group, timeout, retries, asyncRetries, compressOverBytes,
        compressLevel, maxMessageSize, faultAvoidance, defaultTopicQueueNums, binaryHeaders,
        autoBatching);
  }

  public ProducerConfig withRetries(int sync, int async) {
    return new ProducerConfig(group, sendTimeout, sync, async, compressOverBytes,
        compressLevel, maxMessageSize, faultAvoidance, defaultTopicQueueNums, binaryHeaders,
        autoBatching);
  }

  public ProducerConfig withCompressOverBytes(int bytes) {
    return new ProducerConfig(group, sendTimeout, retries, asyncRetries, bytes,
        compressLevel, maxMessageSize, faultAvoidance, defaultTopicQueueNums, binaryHeaders,
        autoBatching);
  }

  public ProducerConfig withMaxMessageSize(int bytes) {
    return new ProducerConfig(group, sendTimeout, retries, asyncRetries, compressOverBytes,
        compressLevel, bytes, faultAvoidance, defaultTopicQueueNums, binaryHeaders,
        autoBatching);
  }

  public ProducerConfig withFaultAvoidance(boolean on) {
    return new ProducerConfig(group, sendTimeout, retries, asyncRetries, compressOverBytes,
        compressLevel, maxMessageSize, on, defaultTopicQueueNums, binaryHeaders,
        autoBatching);
  }

  public ProducerConfig withBinaryHeaders(boolean on) {
    return new ProducerConfig(group, sendTimeout, retries, asyncRetries, compressOverBytes,
        compressLevel, maxMessageSize, faultAvoidance, defaultTopicQueueNums, on, autoBatching);
  }

  /**
   * Groups async sends into batch requests (off by default): see {@link AutoBatching}. Sync,
   * oneway, ordered (sharding key, selector), delayed and timer sends are never batched.
   */
  public ProducerConfig withAutoBatching(AutoBatching batching) {
    return new ProducerConfig(group, sendTimeout, retries, asyncRetries, compressOverBytes,
        compressLevel, maxMessageSize, faultAvoidance, defaultTopicQueueNums, binaryHeaders,
        batching);
  }
}
