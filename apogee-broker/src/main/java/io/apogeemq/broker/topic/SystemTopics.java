package io.apogeemq.broker.topic;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.common.name.NameRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The topics a broker creates at start (semantics.md §0): {@code SELF_TEST_TOPIC},
 * {@code TBW102} (only with {@code autoCreateTopicEnable}; perm 7 so it can be inherited),
 * {@code BenchmarkTest}, the topics named after the cluster and the broker,
 * {@code OFFSET_MOVED_EVENT}, {@code SCHEDULE_TOPIC_XXXX}, the transaction half topics and
 * {@code <cluster>_REPLY_TOPIC}.
 */
public final class SystemTopics {

  /** Number of delay levels, one queue each. */
  public static final int DELAY_LEVELS = 18;

  private SystemTopics() {}

  public static List<TopicConfig> forBroker(BrokerConfig config) {
    List<TopicConfig> topics = new ArrayList<>();
    topics.add(TopicConfig.of(NameRules.SELF_TEST_TOPIC, 1));
    if (config.autoCreateTopicEnable()) {
      topics.add(TopicConfig.of(NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC,
          config.defaultTopicQueueNums(), config.defaultTopicQueueNums(),
          Perm.READ_WRITE | Perm.INHERIT));
    }
    topics.add(TopicConfig.of(NameRules.BENCHMARK_TOPIC, 1024));
    int clusterPerm = Perm.INHERIT | (config.clusterTopicEnable() ? Perm.READ_WRITE : 0);
    topics.add(TopicConfig.of(config.brokerClusterName(), 16, 16, clusterPerm));
    int brokerPerm = Perm.INHERIT | (config.brokerTopicEnable() ? Perm.READ_WRITE : 0);
    topics.add(TopicConfig.of(config.brokerName(), 1, 1, brokerPerm));
    topics.add(TopicConfig.of(NameRules.OFFSET_MOVED_EVENT, 1));
    topics.add(TopicConfig.of(NameRules.SCHEDULE_TOPIC,
        Math.max(DELAY_LEVELS, config.schedule().messageDelayLevel().maxLevel())));
    topics.add(TopicConfig.of(NameRules.TRANS_HALF_TOPIC, 1));
    topics.add(TopicConfig.of(NameRules.TRANS_OP_HALF_TOPIC, 1));
    topics.add(TopicConfig.of(config.brokerClusterName() + "_" + NameRules.REPLY_TOPIC_POSTFIX, 1));
    return topics;
  }
}
