package io.apogeemq.broker.registry;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.LiveBrokerConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.common.message.BodyCrc;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this broker registered with every configured NameServer ({@code REGISTER_BROKER}, codes.md
 * §2.4): once at start (start returns after that round), every {@code registerNameServerPeriod},
 * and soon after every topic change; {@code UNREGISTER_BROKER} to each at shutdown.
 *
 * <p>Thread-safety: registrations run on one owned thread ({@code apogee-broker-register-1}), so
 * rounds never overlap; topic changes only schedule a round (several changes in a row coalesce
 * into one). A NameServer that is down or refuses is logged and retried in the next round.
 */
public final class NameServerRegistration implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(NameServerRegistration.class);
  private static final long UNREGISTER_TIMEOUT_MILLIS = 3_000;

  private final BrokerConfig config;
  private final LiveBrokerConfig live;
  private volatile int registeredPermission = -1;
  private final TopicConfigRegistry topics;
  private final Supplier<String> haServerAddr;
  private final BiConsumer<String, String> masterLearned;
  private final AtomicBoolean changePending = new AtomicBoolean();
  private final AtomicLong successfulRounds = new AtomicLong();
  private RemotingClient client;
  private ScheduledExecutorService scheduler;
  private volatile BrokerEndpoint endpoint;

  public NameServerRegistration(BrokerConfig config, TopicConfigRegistry topics) {
    this(LiveBrokerConfig.of(config), topics, null, (ha, master) -> { });
  }

  /**
   * Registers with {@code live}'s {@code brokerPermission} as it is at each round; a change of it
   * schedules a round at once.
   *
   * @param haServerAddr this broker's HA address ({@code brokerIP2:haListenPort}); null = the
   *     remoting port + 1
   * @param masterLearned told the {@code haServerAddr} and {@code masterAddr} of every
   *     successful answer (a slave learns its master from them; either may be null)
   */
  public NameServerRegistration(LiveBrokerConfig live, TopicConfigRegistry topics,
      Supplier<String> haServerAddr, BiConsumer<String, String> masterLearned) {
    this.live = live;
    this.config = live.get();
    this.topics = topics;
    this.haServerAddr = haServerAddr;
    this.masterLearned = masterLearned;
    live.addListener(c -> {
      if (c.brokerPermission() != registeredPermission) {
        onTopicsChanged();
      }
    });
  }

  @Override
  public String name() {
    return "registration";
  }

  @Override
  public void start(BrokerEndpoint endpoint) {
    this.endpoint = endpoint;
    if (config.namesrvAddr().isEmpty()) {
      LOG.warn("No namesrvAddr configured: broker {} is not registered anywhere and clients "
          + "cannot find it through a NameServer", config.brokerName());
      return;
    }
    client = new RemotingClient("broker-register", RemotingClientConfig.defaults(), null);
    client.start();
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1,
        new NamedThreadFactory("apogee-broker-register"));
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler = s;
    topics.addChangeListener(this::onTopicsChanged);
    registerAll();
    long period = config.registerNameServerPeriod();
    scheduler.scheduleAtFixedRate(this::registerAllSafely, period, period, TimeUnit.MILLISECONDS);
  }

  /** Rounds in which every NameServer accepted the registration (tests, diagnostics). */
  public long successfulRounds() {
    return successfulRounds.get();
  }

  private void onTopicsChanged() {
    ScheduledExecutorService s = scheduler;
    if (s != null && !s.isShutdown() && changePending.compareAndSet(false, true)) {
      try {
        s.execute(() -> {
          changePending.set(false);
          registerAllSafely();
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        changePending.set(false);
      }
    }
  }

  private void registerAllSafely() {
    try {
      registerAll();
    } catch (RuntimeException e) {
      LOG.warn("Registration round failed", e);
    }
  }

  /** One round: registers with every NameServer in parallel and waits for all answers. */
  private void registerAll() {
    int permission = live.get().brokerPermission();
    registeredPermission = permission;
    byte[] body = RegisterBrokerBody.encode(topics.snapshot(), permission, live.version());
    int crc = BodyCrc.of(body);
    List<CompletableFuture<Boolean>> calls = new ArrayList<>();
    for (String namesrv : config.namesrvAddr()) {
      RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
      putIdentity(request);
      request.putExtField("haServerAddr", haServerAddr != null ? haServerAddr.get()
          : endpoint.ip() + ":" + (endpoint.port() + 1));
      request.putExtField("compressed", false);
      request.putExtField("bodyCrc32", crc);
      request.putExtField("heartbeatTimeoutMillis", 120_000L);
      request.putExtField("enableActingMaster", false);
      request.body(body);
      calls.add(client.invokeAsync(namesrv, request, config.registerBrokerTimeoutMills())
          .handle((response, error) -> {
            boolean ok = check("register with", namesrv, response, error);
            if (ok) {
              masterLearned.accept(response.extField("haServerAddr"),
                  response.extField("masterAddr"));
            }
            return ok;
          }));
    }
    boolean all = true;
    for (CompletableFuture<Boolean> call : calls) {
      all &= call.join();
    }
    if (all) {
      successfulRounds.incrementAndGet();
    }
  }

  private void putIdentity(RemotingCommand request) {
    request.putExtField("brokerName", config.brokerName());
    request.putExtField("brokerAddr", endpoint.addr());
    request.putExtField("clusterName", config.brokerClusterName());
    request.putExtField("brokerId", config.brokerId());
  }

  private boolean check(String what, String namesrv, RemotingCommand response, Throwable error) {
    if (error != null) {
      LOG.warn("Broker {} could not {} NameServer {}: {}", config.brokerName(), what, namesrv,
          error.getMessage());
      return false;
    }
    if (response.code() != ResponseCode.SUCCESS) {
      LOG.warn("Broker {} could not {} NameServer {}: answered code {} ({})",
          config.brokerName(), what, namesrv, response.code(), response.remark());
      return false;
    }
    LOG.debug("Broker {} {} NameServer {}", config.brokerName(), what, namesrv);
    return true;
  }

  @Override
  public void shutdown() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(config.registerBrokerTimeoutMills(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Registration thread did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<CompletableFuture<Boolean>> calls = new ArrayList<>();
    for (String namesrv : config.namesrvAddr()) {
      RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_BROKER);
      putIdentity(request);
      calls.add(client.invokeAsync(namesrv, request, UNREGISTER_TIMEOUT_MILLIS)
          .handle((response, error) -> check("unregister from", namesrv, response, error)));
    }
    calls.forEach(CompletableFuture::join);
    client.shutdown();
    LOG.info("Broker {} unregistered from {}", config.brokerName(), config.namesrvAddr());
  }
}
