package io.apogeemq.broker;

import io.apogeemq.broker.admin.AdminService;
import io.apogeemq.broker.client.ClientService;
import io.apogeemq.broker.client.ConsumerIdsChangeNotifier;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.LiveBrokerConfig;
import io.apogeemq.broker.filter.FilterService;
import io.apogeemq.broker.filter.SqlFilterCache;
import io.apogeemq.broker.filter.SqlSubscriptions;
import io.apogeemq.broker.ha.HaService;
import io.apogeemq.broker.offset.ConsumerOffsetFile;
import io.apogeemq.broker.offset.ConsumerOffsetService;
import io.apogeemq.broker.pull.PullMessageProcessor;
import io.apogeemq.broker.pull.PullService;
import io.apogeemq.broker.pull.TopicCatalog;
import io.apogeemq.broker.query.QueryService;
import io.apogeemq.broker.registry.NameServerRegistration;
import io.apogeemq.broker.lock.QueueLockService;
import io.apogeemq.broker.lock.QueueLockTable;
import io.apogeemq.broker.reset.ResetOffsetService;
import io.apogeemq.broker.retry.RetryService;
import io.apogeemq.broker.retry.RetryTopicRedirect;
import io.apogeemq.broker.retry.RetryTopics;
import io.apogeemq.broker.send.MessageRedirect;
import io.apogeemq.broker.send.SendMessageService;
import io.apogeemq.broker.schedule.ScheduleService;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.timer.TimerService;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.SystemTopics;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.broker.transaction.HalfMessageRedirect;
import io.apogeemq.broker.transaction.TransactionService;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.remoting.server.RemotingServerConfig;
import io.apogeemq.store.LocalMessageStore;
import io.apogeemq.store.MessageStore;
import io.netty.channel.Channel;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a broker: opens the store and the topic table, builds the remoting
 * server and the feature components, and starts and stops them in order. It holds no feature logic
 * itself: each feature is a {@link BrokerComponent}, added with one line.
 *
 * <p>Embeddable: tests start it with {@code listenPort=0} and a temporary
 * {@code storePathRootDir}, read {@link #endpoint()} and {@link #close()} it.
 *
 * <p>Thread-safety: {@link #start()} and {@link #close()} are synchronized; the accessors may be
 * called from any thread.
 */
public final class BrokerServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);

  private final BrokerConfig config;
  private final LiveBrokerConfig live;
  private final Clock clock;
  private final MessageStore store;
  private final HaService ha;
  private final TopicConfigRegistry topics;
  private final RemotingServer remoting;
  private final List<BrokerComponent> components = new ArrayList<>();
  private final List<BrokerComponent> started = new ArrayList<>();
  private volatile SubscriptionGroupRegistry subscriptionGroups;
  private volatile BrokerEndpoint endpoint;
  private boolean startCalled;
  private boolean closed;

  private BrokerServer(LiveBrokerConfig live, Clock clock, MessageStore store,
      TopicConfigRegistry topics) {
    this.live = live;
    BrokerConfig config = live.get();
    this.config = config;
    this.clock = clock;
    // Replication wraps the store: role checks and SYNC_MASTER waits sit in every put path.
    this.ha = new HaService(config, store, clock);
    this.store = ha.store();
    this.topics = topics;
    RemotingServerConfig rc = RemotingServerConfig.defaults(config.listenPort())
        .withBindAddress(config.bindAddress())
        .withIdleSeconds(config.serverChannelMaxIdleTimeSeconds())
        .withAdditionalPorts(vipPorts(config.listenPort()));
    this.remoting = new RemotingServer("broker", rc, new ChannelEventListener() {
      @Override
      public void onClose(String peer, Channel channel) {
        for (BrokerComponent c : components) {
          c.channelClosed(channel);
        }
      }
    });
  }

  /**
   * The VIP channel port: official clients with {@code vipChannelEnabled=true} (the 4.9 default)
   * send some requests to {@code listenPort - 2}; the broker serves the same processors there.
   * None when {@code listenPort} is 0 (a random port: the client's {@code port - 2} would not be
   * ours, so nothing is served or advertised) or too small to have one. Best-effort: when the
   * port is taken the broker logs it and serves on {@code listenPort} only (the official broker
   * refuses to start instead); clients with the VIP channel on cannot reach it then.
   */
  static List<Integer> vipPorts(int listenPort) {
    return listenPort > 2 ? List.of(listenPort - 2) : List.of();
  }

  /**
   * Opens the store and the topic table under {@code storePathRootDir} and builds the broker with
   * its standard components. Nothing listens until {@link #start()}.
   *
   * @throws IOException when the store or topics.json cannot be opened; nothing is left open
   */
  public static BrokerServer create(BrokerConfig config, Clock clock) throws IOException {
    return create(config, clock, b -> List.of());
  }

  /**
   * Like {@link #create(BrokerConfig, Clock)}, adding the components {@code extra} builds (after
   * the standard ones) — how a feature not yet part of the standard set, or a test, plugs in.
   */
  public static BrokerServer create(BrokerConfig config, Clock clock,
      Function<BrokerServer, List<BrokerComponent>> extra) throws IOException {
    return create(config, clock, LocalMessageStore.open(config.store()), extra);
  }

  /**
   * Builds the broker on an already opened store (fault-injecting storage in tests, another store
   * implementation). The broker owns {@code store} from here on and closes it, also when this
   * method fails.
   */
  public static BrokerServer create(BrokerConfig config, Clock clock, MessageStore store,
      Function<BrokerServer, List<BrokerComponent>> extra) throws IOException {
    BrokerServer broker;
    try {
      LiveBrokerConfig live = LiveBrokerConfig.open(config);
      config = live.get();
      TopicConfigRegistry topics = TopicConfigRegistry.open(
          config.store().storePathRootDir().resolve("config"), clock);
      if (!config.autoCreateTopicEnable()) {
        topics.delete(NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC);
      }
      topics.putAllIfAbsent(SystemTopics.forBroker(config));
      broker = new BrokerServer(live, clock, store, topics);
      broker.addStandardComponents();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    for (BrokerComponent c : extra.apply(broker)) {
      broker.components.add(c);
    }
    return broker;
  }

  private void addStandardComponents() throws IOException {
    // One line per feature. Registration stays last: it is started last (clients only learn
    // about the broker once everything serves) and stopped first (they stop using it first).
    ScheduleService schedule = new ScheduleService(store, config.schedule(), clock, configDir());
    TimerService timer = new TimerService(store, config.schedule(), clock,
        config.store().storePathRootDir().resolve("timer"));
    subscriptionGroups = new SubscriptionGroupRegistry(
        configDir().resolve("subscriptionGroup.json"),
        () -> live.get().autoCreateSubscriptionGroup(), clock);
    live.addListener(this::autoCreateTopicChanged);
    subscriptionGroups.load();
    ClientService clients = clientService();
    QueueLockTable locks = new QueueLockTable(clock, config.lock().rebalanceLockMaxLiveTime(),
        (group, clientId) -> clients.consumers().find(group)
            .map(g -> g.clientIds().contains(clientId)).orElse(false));
    MessageRedirect delayLevels = schedule.redirect();
    components.add(new SendMessageService(live::get, topics, store, clock, List.of(
        new RetryTopicRedirect(subscriptionGroups, new RetryTopics(topics),
            locks::groupHoldsLiveLock),
        new HalfMessageRedirect(config.transaction().rejectTransactionMessage()),
        timer.redirect(), delayLevels)));
    components.add(schedule);
    components.add(timer);
    ConsumerOffsetService offsets = consumerOffsets();
    components.add(clients);
    components.add(offsets);
    SqlSubscriptions sql = new SqlSubscriptions(() -> live.get().filter().enablePropertyFilter(),
        new SqlFilterCache(), config.brokerName());
    components.add(new FilterService(sql, config.brokerName()));
    components.add(pullService(clients, offsets, sql));
    components.add(new TransactionService(config, topics, store, clock, clients.producers()));
    components.add(new QueryService(store));
    components.add(new QueueLockService(locks));
    components.add(new RetryService(subscriptionGroups, topics, store, delayLevels,
        () -> live.get().writable()));
    components.add(new ResetOffsetService(config.brokerName(), topics, store, offsets.table(),
        clients.consumers()));
    components.add(new AdminService(live, topics, store, offsets.table(), clients.consumers(),
        clients.producers(), subscriptionGroups, clock).runtimeInfo(ha::runtimeInfo));
    ha.metadata(topics, offsets.table(), subscriptionGroups);
    components.add(ha);
    components.add(new NameServerRegistration(live, topics, ha::haServerAddress,
        ha::learnedFromNameServer));
  }

  /** The TBW102 template exists exactly while autoCreateTopicEnable is on (as at start). */
  private void autoCreateTopicChanged(BrokerConfig now) {
    try {
      if (now.autoCreateTopicEnable()) {
        topics.putAllIfAbsent(SystemTopics.forBroker(now));
      } else {
        topics.delete(NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC);
      }
    } catch (RuntimeException e) {
      LOG.warn("Broker {}: topic template {} not updated after autoCreateTopicEnable={}: {}",
          now.brokerName(), NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC, now.autoCreateTopicEnable(),
          e.getMessage());
    }
  }

  private ClientService clientService() {
    ConsumerIdsChangeNotifier notifier = new ConsumerIdsChangeNotifier(remoting::invokeOneway,
        config.notifyConsumerIdsChangedEnable());
    return new ClientService(subscriptionGroups,
        (topic, queues) -> topics.createIfAbsent(TopicConfig.of(topic, queues)), notifier, clock,
        config.channelExpiredTimeout());
  }

  private ConsumerOffsetService consumerOffsets() throws IOException {
    ConsumerOffsetService offsets = new ConsumerOffsetService(
        new ConsumerOffsetFile(configDir().resolve("consumerOffset.json")), store,
        config.flushConsumerOffsetInterval());
    offsets.load();
    return offsets;
  }

  private PullService pullService(ClientService clients, ConsumerOffsetService offsets,
      SqlSubscriptions sql) {
    TopicCatalog catalog = topic -> Optional.ofNullable(topics.get(topic))
        .map(t -> new TopicCatalog.ReadInfo(t.readQueueNums(),
            Perm.readable(t.perm()) && Perm.readable(live.get().brokerPermission())));
    PullMessageProcessor processor = new PullMessageProcessor(store, catalog, subscriptionGroups,
        clients.consumers(), offsets.table(), clock, config.longPollingEnable(),
        config.shortPollingTimeMills(), sql);
    processor.role(ha.pullRole());
    return new PullService(processor, store, clock, config.longPollingEnable(),
        config.shortPollingTimeMills(), config.pullMessageThreadPoolNums(),
        config.pullThreadPoolQueueCapacity());
  }

  private java.nio.file.Path configDir() {
    return config.store().storePathRootDir().resolve("config");
  }

  /** Installs every component, binds the port, then starts the components in order. */
  public synchronized void start() {
    if (startCalled || closed) {
      throw new IllegalStateException("broker " + config.brokerName()
          + " already started or closed");
    }
    startCalled = true;
    long t0 = System.nanoTime();
    try {
      for (BrokerComponent c : components) {
        c.install(remoting);
      }
      remoting.start();
      endpoint = BrokerEndpoint.of(config.brokerIP1(), remoting.port());
      for (BrokerComponent c : components) {
        c.start(endpoint);
        started.add(c);
      }
    } catch (RuntimeException e) {
      LOG.error("Broker {} failed to start: {}", config.brokerName(), e.getMessage());
      close();
      throw e;
    }
    LOG.info("Apogee broker {} of cluster {} serving on {} (store {}) in {} ms",
        config.brokerName(), config.brokerClusterName(), endpoint.addr(),
        config.store().storePathRootDir(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Where clients reach this broker; null before {@link #start()}. */
  public BrokerEndpoint endpoint() {
    return endpoint;
  }

  /** The configuration now in force (run-time changes included). */
  public BrokerConfig config() {
    return live.get();
  }

  /** The run-time changeable configuration ({@code UPDATE_BROKER_CONFIG}). */
  public LiveBrokerConfig liveConfig() {
    return live;
  }

  public Clock clock() {
    return clock;
  }

  public MessageStore store() {
    return store;
  }

  /** Master/slave replication of this broker (role, status). */
  public HaService ha() {
    return ha;
  }

  public TopicConfigRegistry topics() {
    return topics;
  }

  /** The consumer group configurations (subscriptionGroup.json). */
  public SubscriptionGroupRegistry subscriptionGroups() {
    return subscriptionGroups;
  }

  /**
   * Stops the components in reverse order (each persists its state), closes the port, then
   * flushes and closes the store. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      BrokerComponent c = started.get(i);
      try {
        c.shutdown();
      } catch (RuntimeException e) {
        LOG.warn("Component {} failed to shut down cleanly", c.name(), e);
      }
    }
    remoting.shutdown();
    store.close();
    LOG.info("Apogee broker {} stopped", config.brokerName());
  }
}
