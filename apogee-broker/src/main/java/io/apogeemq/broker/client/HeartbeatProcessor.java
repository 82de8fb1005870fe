package io.apogeemq.broker.client;

import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HEART_BEAT} (34): registers or refreshes the client's producer and consumer groups on its
 * connection. For each consumer group it auto-creates the subscription group (if allowed), makes
 * sure {@code %RETRY%<group>} exists and, when the group's members or subscriptions changed, tells
 * the members. Answers {@code SUCCESS} with Apogee's remoting version (479), which the client keeps
 * as the broker version.
 *
 * <p>Thread-safe (all state lives in the registries).
 */
public final class HeartbeatProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatProcessor.class);

  private final ConsumerRegistry consumers;
  private final ProducerRegistry producers;
  private final SubscriptionGroupRegistry groups;
  private final RetryTopicCreator retryTopics;
  private final ConsumerIdsChangeNotifier notifier;
  private final Clock clock;

  public HeartbeatProcessor(ConsumerRegistry consumers, ProducerRegistry producers,
      SubscriptionGroupRegistry groups, RetryTopicCreator retryTopics,
      ConsumerIdsChangeNotifier notifier, Clock clock) {
    this.consumers = consumers;
    this.producers = producers;
    this.groups = groups;
    this.retryTopics = retryTopics;
    this.notifier = notifier;
    this.clock = clock;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    HeartbeatData heartbeat;
    try {
      heartbeat = HeartbeatDecoder.decode(request.body());
    } catch (IllegalArgumentException e) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "bad heartbeat from " + context.peer() + ": " + e.getMessage());
    }
    ClientChannel client = new ClientChannel(context.channel(), heartbeat.clientId(),
        request.language().name(), request.version(), clock.millis());
    for (ConsumerData consumer : heartbeat.consumers()) {
      registerConsumer(client, consumer);
    }
    for (String group : heartbeat.producerGroups()) {
      producers.register(group, client);
    }
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  private void registerConsumer(ClientChannel client, ConsumerData consumer) {
    Optional<SubscriptionGroupConfig> config = groups.findOrCreate(consumer.group());
    boolean notifyEnabled = config.map(SubscriptionGroupConfig::notifyConsumerIdsChangedEnable)
        .orElse(true);
    config.ifPresent(c -> retryTopics.ensureRetryTopic(
        RetryTopicCreator.retryTopicOf(consumer.group()), Math.max(1, c.retryQueueNums())));
    ConsumerGroup.Change change = consumers.register(client, consumer);
    if (change.any()) {
      LOG.info("consumer group {} changed (members: {}, subscriptions: {}) by {} at {}",
          consumer.group(), change.membership(), change.subscriptions(), client.clientId(),
          client.channel().remoteAddress());
      if (notifyEnabled) {
        consumers.find(consumer.group())
            .ifPresent(g -> notifier.notifyMembers(consumer.group(), g.members()));
      }
    }
  }
}
