package io.apogeemq.broker.config;

import io.apogeemq.common.name.NameRules;
import java.util.Properties;

/**
 * The {@code broker.conf} keys of transactional messages (config.md §2, semantics.md §4).
 *
 * @param rejectTransactionMessage refuse half messages with {@code NO_PERMISSION}
 * @param transactionTimeOut minimum age (ms) of a half message before its first check
 * @param transactionCheckMax checks of one half message before it is discarded
 * @param transactionCheckInterval period (ms) of the check service (5.x default, 30 s)
 * @param transactionCheckMaxTimeTopic Apogee key: where half messages go that exceeded
 *     {@code transactionCheckMax} (RocketMQ's fixed {@code TRANS_CHECK_MAX_TIME_TOPIC})
 * @param endTransactionThreadPoolNums threads handling {@code END_TRANSACTION}
 * @param endTransactionPoolQueueCapacity queued {@code END_TRANSACTION} requests before
 *     {@code SYSTEM_BUSY}
 */
public record TransactionConfig(
    boolean rejectTransactionMessage,
    long transactionTimeOut,
    int transactionCheckMax,
    long transactionCheckInterval,
    String transactionCheckMaxTimeTopic,
    int endTransactionThreadPoolNums,
    int endTransactionPoolQueueCapacity) {

  /** RocketMQ's topic for half messages checked too often. */
  public static final String DEFAULT_DISCARD_TOPIC = NameRules.TRANS_CHECK_MAX_TIME_TOPIC;

  public TransactionConfig {
    NameRules.topicProblem(transactionCheckMaxTimeTopic).ifPresent(problem -> {
      throw new ConfigException("broker config key 'transactionCheckMaxTimeTopic': '"
          + transactionCheckMaxTimeTopic + "' is not a valid topic name: " + problem);
    });
  }

  /** Reads the keys (defaults are RocketMQ 5.x's). */
  static TransactionConfig read(PropertyReader r) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new TransactionConfig(
        r.bool("rejectTransactionMessage", false),
        r.longValue("transactionTimeOut", 6_000, 0, Long.MAX_VALUE / 2),
        r.integer("transactionCheckMax", 15, 1, 10_000),
        r.longValue("transactionCheckInterval", 30_000, 10, 86_400_000L),
        r.string("transactionCheckMaxTimeTopic", DEFAULT_DISCARD_TOPIC),
        r.integer("endTransactionThreadPoolNums", 8 + 2 * cores, 1, 1024),
        r.integer("endTransactionPoolQueueCapacity", 100_000, 1, Integer.MAX_VALUE));
  }

  void writeTo(Properties p) {
    p.setProperty("rejectTransactionMessage", Boolean.toString(rejectTransactionMessage));
    p.setProperty("transactionTimeOut", Long.toString(transactionTimeOut));
    p.setProperty("transactionCheckMax", Integer.toString(transactionCheckMax));
    p.setProperty("transactionCheckInterval", Long.toString(transactionCheckInterval));
    p.setProperty("transactionCheckMaxTimeTopic", transactionCheckMaxTimeTopic);
    p.setProperty("endTransactionThreadPoolNums", Integer.toString(endTransactionThreadPoolNums));
    p.setProperty("endTransactionPoolQueueCapacity",
        Integer.toString(endTransactionPoolQueueCapacity));
  }
}
