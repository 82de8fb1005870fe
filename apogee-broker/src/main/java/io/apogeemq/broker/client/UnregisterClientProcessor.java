package io.apogeemq.broker.client;

import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code UNREGISTER_CLIENT} (35): a shutting-down client leaves one producer or consumer group; the
 * remaining consumers of the group are told to rebalance. Unknown clients or groups are not an error.
 *
 * <p>Thread-safe.
 */
public final class UnregisterClientProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(UnregisterClientProcessor.class);

  private final ConsumerRegistry consumers;
  private final ProducerRegistry producers;
  private final ConsumerIdsChangeNotifier notifier;

  public UnregisterClientProcessor(ConsumerRegistry consumers, ProducerRegistry producers,
      ConsumerIdsChangeNotifier notifier) {
    this.consumers = consumers;
    this.producers = producers;
    this.notifier = notifier;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    HeaderReader header = HeaderReader.of(request);
    String clientId = header.requireString("clientID");
    String producerGroup = header.optionalString("producerGroup");
    String consumerGroup = header.optionalString("consumerGroup");
    if (producerGroup != null && producers.unregister(producerGroup, clientId)) {
      LOG.info("producer {} left group {}", clientId, producerGroup);
    }
    if (consumerGroup != null && consumers.unregister(consumerGroup, clientId)) {
      LOG.info("consumer {} left group {}", clientId, consumerGroup);
      consumers.find(consumerGroup)
          .ifPresent(g -> notifier.notifyMembers(consumerGroup, g.members()));
    }
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }
}
