package io.apogeemq.broker.retry;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.send.MessageRedirect;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.MessageStore;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Retry and dead letters: {@code CONSUMER_SEND_MSG_BACK} (36) and the Apogee request that re-sends
 * a dead letter ({@code APOGEE_RESEND_DEAD_LETTER}, 61001). The send-path half of the feature (a
 * client producing into {@code %RETRY%<group>}) is {@link RetryTopicRedirect}, which the send
 * service applies. Everything this feature stores lives in ordinary topics, so it has no state of
 * its own to persist or reload.
 *
 * <p>Requests run on the {@code send-back} executor (2 threads). Thread-safe.
 */
public final class RetryService implements BrokerComponent {

  private final SendBackProcessor sendBack;
  private final DeadLetterResendProcessor resend;
  private volatile MessageHost storeHost;

  /**
   * @param delayLevels the delay-level redirect a retry passes through
   * @param brokerWritable whether the broker currently has write permission
   */
  public RetryService(SubscriptionGroupRegistry groups, TopicConfigRegistry topics,
      MessageStore store, MessageRedirect delayLevels,
      BooleanSupplier brokerWritable) {
    RetryTopics retryTopics = new RetryTopics(topics);
    this.sendBack = new SendBackProcessor(groups, retryTopics, store, delayLevels,
        brokerWritable, this::storeHost);
    this.resend = new DeadLetterResendProcessor(topics, store, this::storeHost);
  }

  @Override
  public String name() {
    return "retry";
  }

  @Override
  public void install(RemotingServer server) {
    Executor executor = server.newProcessorExecutor("send-back", 2, 10_000);
    server.registerProcessor(RequestCode.CONSUMER_SEND_MSG_BACK, sendBack, executor);
    server.registerProcessor(RequestCode.APOGEE_RESEND_DEAD_LETTER, resend, executor);
  }

  @Override
  public void start(BrokerEndpoint endpoint) {
    storeHost = endpoint.storeHost();
  }

  private MessageHost storeHost() {
    MessageHost host = storeHost;
    if (host == null) {
      throw new CommandException(ResponseCode.SYSTEM_BUSY, "broker is starting, try again");
    }
    return host;
  }
}
