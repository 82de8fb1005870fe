package io.apogeemq.broker.client;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer and producer management feature: heartbeats, unregistration, group membership
 * queries, notifications and liveness.
 *
 * <p>Lifecycle: {@link #install} registers codes 34, 35 and 38 on the server; {@link #start} starts
 * the liveness scan (thread {@code apogee-broker-client-liveness-N}, every 10 s);
 * {@link #shutdown()} stops and joins it. {@link #channelClosed} must be called by the server's
 * channel listener for every closed connection.
 *
 * <p>Thread-safe.
 */
public final class ClientService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(ClientService.class);
  static final long SCAN_INTERVAL_MILLIS = 10_000;

  private final ConsumerRegistry consumers = new ConsumerRegistry();
  private final ProducerRegistry producers = new ProducerRegistry();
  private final SubscriptionGroupRegistry groups;
  private final RetryTopicCreator retryTopics;
  private final ConsumerIdsChangeNotifier notifier;
  private final ClientLivenessScanner scanner;
  private final Clock clock;
  private ScheduledExecutorService scanThread;

  /**
   * @param notifier how NOTIFY_CONSUMER_IDS_CHANGED reaches clients (normally
   *     {@code server::invokeOneway})
   * @param channelExpiredTimeoutMillis silence after which a client is dropped
   */
  public ClientService(SubscriptionGroupRegistry groups, RetryTopicCreator retryTopics,
      ConsumerIdsChangeNotifier notifier, Clock clock, long channelExpiredTimeoutMillis) {
    this.groups = groups;
    this.retryTopics = retryTopics;
    this.notifier = notifier;
    this.clock = clock;
    this.scanner = new ClientLivenessScanner(consumers, producers, notifier, clock,
        channelExpiredTimeoutMillis);
  }

  @Override
  public String name() {
    return "client-manage";
  }

  /** Registers HEART_BEAT, UNREGISTER_CLIENT and GET_CONSUMER_LIST_BY_GROUP on {@code server}. */
  @Override
  public void install(RemotingServer server) {
    Executor heartbeats = server.newProcessorExecutor("heartbeat", 2, 50_000);
    Executor manage = server.newProcessorExecutor("client-manage", 2, 100_000);
    server.registerProcessor(RequestCode.HEART_BEAT, new HeartbeatProcessor(consumers, producers,
        groups, retryTopics, notifier, clock), heartbeats);
    server.registerProcessor(RequestCode.UNREGISTER_CLIENT,
        new UnregisterClientProcessor(consumers, producers, notifier), manage);
    server.registerProcessor(RequestCode.GET_CONSUMER_LIST_BY_GROUP,
        new ConsumerListProcessor(consumers), manage);
  }

  @Override
  public synchronized void start(BrokerEndpoint endpoint) {
    if (scanThread != null) {
      return;
    }
    scanThread = Executors.newSingleThreadScheduledExecutor(
        new NamedThreadFactory("apogee-broker-client-liveness"));
    scanThread.scheduleWithFixedDelay(this::scanSafely, SCAN_INTERVAL_MILLIS, SCAN_INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void shutdown() {
    if (scanThread == null) {
      return;
    }
    scanThread.shutdownNow();
    try {
      if (!scanThread.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("client liveness scan did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scanThread = null;
  }

  /** A connection closed (or went idle and was closed): drop it from every group. */
  @Override
  public void channelClosed(Channel channel) {
    producers.remove(channel);
    List<String> affected = consumers.remove(channel);
    for (String group : affected) {
      LOG.info("consumer connection {} of group {} closed", channel.remoteAddress(), group);
      consumers.find(group).ifPresent(g -> notifier.notifyMembers(group, g.members()));
    }
  }

  public ConsumerRegistry consumers() {
    return consumers;
  }

  public ProducerRegistry producers() {
    return producers;
  }

  public ClientLivenessScanner scanner() {
    return scanner;
  }

  private void scanSafely() {
    try {
      scanner.scanOnce();
    } catch (RuntimeException e) {
      LOG.error("client liveness scan failed", e);
    }
  }
}
