package io.apogeemq.broker.send;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.broker.topic.TopicPersistenceException;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The topic and queue checks of the send path, in the order of semantics.md §1.5: broker write
 * permission for order topics, topic name rules, the not-allowed-to-send list, existence with
 * auto-creation from the template (§1.2), topic write permission, queue id range. A failed check
 * throws {@link CommandException} with the spec's code and a remark naming topic and queue.
 *
 * <p>Thread-safe (stateless apart from the registry, which is).
 */
final class SendTopicCheck {

  /** The topic to write to and the queue chosen. */
  record Target(TopicConfig topic, int queueId) {}

  private final java.util.function.Supplier<BrokerConfig> liveConfig;
  private final TopicConfigRegistry topics;

  SendTopicCheck(BrokerConfig config, TopicConfigRegistry topics) {
    this(() -> config, topics);
  }

  /** @param liveConfig read per send (brokerPermission, autoCreateTopicEnable change live) */
  SendTopicCheck(java.util.function.Supplier<BrokerConfig> liveConfig, TopicConfigRegistry topics) {
    this.liveConfig = liveConfig;
    this.topics = topics;
  }

  Target check(SendHeader h) {
    String topic = h.topic();
    boolean retry = NameRules.isRetryTopic(topic) || NameRules.isDlqTopic(topic);
    Optional<String> nameProblem = retry ? NameRules.storedTopicProblem(topic)
        : NameRules.topicProblem(topic);
    if (nameProblem.isPresent()) {
      throw new CommandException(invalidParameter(h), "topic [" + topic + "] is invalid: "
          + nameProblem.get());
    }
    if (NameRules.isSendForbidden(topic)) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "Sending message to topic["
          + topic + "] is forbidden.");
    }
    BrokerConfig config = liveConfig.get();
    TopicConfig tc = topics.get(topic);
    if (tc == null) {
      tc = autoCreate(h, retry, config);
    }
    if (!config.writable() && tc.order()) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "the broker["
          + config.brokerName() + "] sending message is forbidden (no write permission, order "
          + "topic " + topic + ")");
    }
    if (!Perm.writable(tc.perm())) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "the topic[" + topic
          + "] sending message is forbidden (perm " + tc.perm() + ")");
    }
    int queueId = h.queueId();
    if (queueId < 0) {
      if (tc.writeQueueNums() <= 0) {
        throw new CommandException(ResponseCode.NO_PERMISSION, "topic[" + topic
            + "] has no write queue");
      }
      queueId = ThreadLocalRandom.current().nextInt(tc.writeQueueNums());
    } else if (queueId >= tc.queueCount()) {
      throw new CommandException(invalidParameter(h), "request queueId[" + queueId
          + "] is illegal, topic " + topic + " has read queues " + tc.readQueueNums()
          + " and write queues " + tc.writeQueueNums() + " (producer " + h.producerGroup() + ")");
    }
    return new Target(tc, queueId);
  }

  private TopicConfig autoCreate(SendHeader h, boolean retry, BrokerConfig config) {
    TopicConfig created;
    try {
      if (NameRules.isRetryTopic(h.topic())) {
        created = topics.createIfAbsent(TopicConfig.of(h.topic(), 1));
      } else if (retry || !config.autoCreateTopicEnable()) {
        created = null;
      } else {
        created = topics.createFromTemplate(h.topic(), h.defaultTopic(),
            h.defaultTopicQueueNums(), 0);
      }
    } catch (TopicPersistenceException e) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "topic[" + h.topic()
          + "] could not be created: " + e.getMessage());
    }
    if (created == null) {
      throw new CommandException(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.topic()
          + "] not exist, apply first please! (auto-creation from template " + h.defaultTopic()
          + (config.autoCreateTopicEnable() ? " not possible" : " disabled by "
          + "autoCreateTopicEnable=false") + ")");
    }
    return created;
  }

  /** 5.x clients understand INVALID_PARAMETER; 4.9 clients get SYSTEM_ERROR as from 4.9. */
  private static int invalidParameter(SendHeader h) {
    return h.fromV5Client() ? ResponseCode.INVALID_PARAMETER : ResponseCode.SYSTEM_ERROR;
  }
}
