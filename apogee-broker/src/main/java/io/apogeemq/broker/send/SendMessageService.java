package io.apogeemq.broker.send;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.UniqueMessageIdGenerator;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.MessageStore;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SEND_MESSAGE} (10), {@code SEND_MESSAGE_V2} (310) and {@code SEND_BATCH_MESSAGE} (320).
 *
 * <p>Runs on the {@code send} executor ({@code sendMessageThreadPoolNums} threads, queue of
 * {@code sendThreadPoolQueueCapacity}; a full queue answers {@code SYSTEM_BUSY}): parses the
 * header, checks topic and queue ({@link SendTopicCheck}), builds the messages
 * ({@link SendMessageFactory}), lets the {@link MessageRedirect}s decide where each is really
 * stored, and appends them. The append itself is done on the send thread
 * (the store writes into mapped memory); waiting for a SYNC_FLUSH is not — the response is written
 * from the store's completion, so neither an I/O thread nor a send thread ever blocks on a flush.
 *
 * <p>Thread-safe; holds no per-request state.
 */
public final class SendMessageService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(SendMessageService.class);

  private final BrokerConfig config;
  private final java.util.function.Supplier<BrokerConfig> liveConfig;
  private final MessageStore store;
  private final SendTopicCheck topicCheck;
  private final SendResponses responses;
  private final Clock clock;
  private final RedirectChain redirects;
  private volatile SendMessageFactory factory;
  private volatile MessageHost storeHost;

  /**
   * @param redirects applied in order to every accepted message before it is appended (see
   *     {@link MessageRedirect})
   */
  public SendMessageService(BrokerConfig config, TopicConfigRegistry topics, MessageStore store,
      Clock clock, List<MessageRedirect> redirects) {
    this(() -> config, topics, store, clock, redirects);
  }

  /**
   * Like the other constructor with a configuration read per send, so {@code brokerPermission},
   * {@code autoCreateTopicEnable} and {@code maxMessageSize} changes apply at once; thread pool
   * sizes and {@code traceOn} are read once here.
   */
  public SendMessageService(java.util.function.Supplier<BrokerConfig> liveConfig,
      TopicConfigRegistry topics, MessageStore store, Clock clock,
      List<MessageRedirect> redirects) {
    this.liveConfig = liveConfig;
    BrokerConfig config = liveConfig.get();
    this.config = config;
    this.redirects = new RedirectChain(redirects);
    this.store = store;
    this.clock = clock;
    this.topicCheck = new SendTopicCheck(liveConfig, topics);
    this.responses = new SendResponses(config.traceOn());
  }

  @Override
  public String name() {
    return "send";
  }

  @Override
  public void install(RemotingServer server) {
    ThreadPoolExecutor executor = server.newProcessorExecutor("send",
        config.sendMessageThreadPoolNums(), config.sendThreadPoolQueueCapacity());
    server.registerProcessor(RequestCode.SEND_MESSAGE, this::process, executor);
    server.registerProcessor(RequestCode.SEND_MESSAGE_V2, this::process, executor);
    server.registerProcessor(RequestCode.SEND_BATCH_MESSAGE, this::process, executor);
  }

  @Override
  public void start(BrokerEndpoint endpoint) {
    storeHost = endpoint.storeHost();
    int pid = (int) ProcessHandle.current().pid();
    factory = new SendMessageFactory(liveConfig, new UniqueMessageIdGenerator(
        endpoint.storeHost().ip(), pid, SendMessageService.class.getClassLoader().hashCode(),
        clock));
  }

  private RemotingCommand process(RequestContext context, RemotingCommand request) {
    SendMessageFactory f = factory;
    MessageHost host = storeHost;
    if (f == null) {
      throw new CommandException(ResponseCode.SYSTEM_BUSY, "broker " + config.brokerName()
          + " is starting, try again");
    }
    SendHeader h = SendHeader.parse(request);
    SendTopicCheck.Target target = topicCheck.check(h);
    int queueId = target.queueId();
    MessageHost bornHost = bornHost(context);
    CompletableFuture<AppendResult> appended;
    String properties;
    if (h.batch()) {
      List<AppendMessage> batch = f.batch(h, queueId, request.body(), bornHost, host);
      properties = batch.get(0).properties();
      batch.replaceAll(this::redirect);
      appended = store.appendBatch(batch);
    } else {
      AppendMessage m = f.single(h, queueId, request.body(), bornHost, host);
      properties = m.properties();
      appended = store.append(redirect(m));
    }
    appended.whenComplete((result, error) -> {
      RemotingCommand response;
      if (error != null) {
        LOG.warn("Append to topic {} queue {} failed unexpectedly", h.topic(), queueId, error);
        response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "append to topic "
            + h.topic() + " queue " + queueId + " failed: " + error);
      } else {
        response = responses.of(h, queueId, properties, result, host);
        if (!result.status().isStored()) {
          LOG.warn("Message from {} to topic {} queue {} not stored: {} {}", context.peer(),
              h.topic(), queueId, result.status(), result.error());
        }
      }
      context.writeResponse(response);
    });
    return null;
  }

  private AppendMessage redirect(AppendMessage m) {
    return redirects.apply(m);
  }

  private static MessageHost bornHost(RequestContext context) {
    SocketAddress remote = context.channel().remoteAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return MessageHost.of(inet);
    }
    return MessageHost.of(new byte[4], 0);
  }
}
