package io.apogeemq.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.common.message.UniqueMessageIdGenerator;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every producer and consumer of one {@code ApogeeClient} shares: one remoting client (one
 * connection per broker), one scheduler thread (route refresh, heartbeats, rebalance, retries),
 * the route cache, the latency fault table and the message id generator.
 *
 * <p>Threads: {@code apogee-client-<n>-io-*} ({@link ClientConfig#ioThreads()}) and
 * {@code apogee-client-<n>-scheduler-1}. Thread-safe; {@link #close()} stops both.
 */
public final class ClientRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClientRuntime.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientConfig config;
  private final String name;
  private final RemotingClient remoting;
  private final ScheduledThreadPoolExecutor scheduler;
  private final NameServerClient namesrv;
  private final RouteCache routes;
  private final LatencyFaultTable faults;
  private final UniqueMessageIdGenerator ids;
  private final Set<String> producerGroups = ConcurrentHashMap.newKeySet();
  private final Map<String, Supplier<ObjectNode>> consumers = new ConcurrentHashMap<>();
  private final Map<String, Runnable> rebalanceTriggers = new ConcurrentHashMap<>();
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public ClientRuntime(ClientConfig config) {
    this.config = config;
    this.name = "client-" + INSTANCES.incrementAndGet();
    this.remoting = new RemotingClient(name, RemotingClientConfig.defaults()
        .withIoThreads(config.ioThreads()), null);
    this.scheduler = new ScheduledThreadPoolExecutor(1,
        new NamedThreadFactory("apogee-" + name + "-scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.namesrv = new NameServerClient(remoting, config.namesrvAddresses(),
        config.requestTimeout().toMillis(), scheduler);
    this.routes = new RouteCache(namesrv);
    this.faults = new LatencyFaultTable(config.clock());
    remoting.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (context, request) -> {
      String group = request.extField("consumerGroup");
      Runnable trigger = group == null ? null : rebalanceTriggers.get(group);
      if (trigger != null) {
        LOG.debug("broker {} says the members of group {} changed", context.peer(), group);
        trigger.run();
      }
      return null;
    }, scheduler);
    this.ids = new UniqueMessageIdGenerator(localIpBytes(config.clientIp()),
        (int) ManagementFactory.getRuntimeMXBean().getPid(),
        System.identityHashCode(ClientRuntime.class.getClassLoader()), config.clock());
  }

  /** Starts the I/O threads and the periodic route refresh and heartbeat. */
  public void start() {
    remoting.start();
    long refresh = config.routeRefreshInterval().toMillis();
    scheduler.scheduleWithFixedDelay(guard("route refresh", routes::refreshAll), refresh, refresh,
        TimeUnit.MILLISECONDS);
    long beat = config.heartbeatInterval().toMillis();
    scheduler.scheduleWithFixedDelay(guard("heartbeat", () -> sendHeartbeats()), 1_000, beat,
        TimeUnit.MILLISECONDS);
  }

  private static Runnable guard(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed: {}", what, e.toString());
      }
    };
  }

  public ClientConfig config() {
    return config;
  }

  public RemotingClient remoting() {
    return remoting;
  }

  public ScheduledThreadPoolExecutor scheduler() {
    return scheduler;
  }

  public RouteCache routes() {
    return routes;
  }

  public LatencyFaultTable faults() {
    return faults;
  }

  public UniqueMessageIdGenerator ids() {
    return ids;
  }

  public String clientId() {
    return config.clientId();
  }

  public long timeoutMillis() {
    return config.requestTimeout().toMillis();
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * The one instance of a per-client service (e.g. the transaction check service), created on
   * first use; it lives as long as this runtime.
   */
  public <T> T service(Class<T> type, java.util.function.Function<ClientRuntime, T> factory) {
    return type.cast(services.computeIfAbsent(type, t -> factory.apply(this)));
  }

  /** Adds a producer group to the heartbeat. */
  public void registerProducer(String group) {
    producerGroups.add(group);
  }

  public void unregisterProducer(String group) {
    producerGroups.remove(group);
  }

  /**
   * Adds a consumer group's heartbeat entry (built fresh for every heartbeat) and what to run
   * (on the scheduler) when a broker says the group's members changed.
   */
  public void registerConsumer(String group, Supplier<ObjectNode> data, Runnable rebalance) {
    if (consumers.putIfAbsent(group, data) != null) {
      throw new IllegalStateException("group " + group + " already has a consumer in client "
          + clientId() + "; use another ApogeeClient (instance name) for a second member");
    }
    rebalanceTriggers.put(group, rebalance);
  }

  public void unregisterConsumer(String group) {
    consumers.remove(group);
    rebalanceTriggers.remove(group);
  }

  /** The HEART_BEAT body (codes.md §4.1). */
  byte[] heartbeatBody() {
    ObjectNode root = JSON.createObjectNode();
    root.put("clientID", clientId());
    ArrayNode producers = root.putArray("producerDataSet");
    producers.addObject().put("groupName", "CLIENT_INNER_PRODUCER");
    for (String g : producerGroups) {
      producers.addObject().put("groupName", g);
    }
    ArrayNode consumerSet = root.putArray("consumerDataSet");
    for (Supplier<ObjectNode> s : consumers.values()) {
      consumerSet.add(s.get());
    }
    root.put("heartbeatFingerprint", 0);
    root.put("withoutSub", false);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (Exception e) {
      throw new IllegalStateException("cannot encode heartbeat", e);
    }
  }

  /**
   * Sends a heartbeat to every known broker: all members when there are consumers, else masters.
   * The future completes once every broker answered or failed (never exceptionally).
   */
  public CompletableFuture<Void> sendHeartbeats() {
    if (closed || (producerGroups.isEmpty() && consumers.isEmpty())) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<?>> answers = new ArrayList<>();
    byte[] body = heartbeatBody();
    Set<String> targets = new LinkedHashSet<>();
    for (TopicRoute r : routes.snapshot().values()) {
      if (consumers.isEmpty()) {
        for (String brokerName : r.brokerAddrs().keySet()) {
          String master = r.masterAddress(brokerName);
          if (master != null) {
            targets.add(master);
          }
        }
      } else {
        targets.addAll(r.allAddresses());
      }
    }
    for (String address : targets) {
      RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT).body(body);
      answers.add(remoting.invokeAsync(address, request, timeoutMillis()).handle((resp, error) -> {
        if (error != null) {
          LOG.debug("heartbeat to {} failed: {}", address, error.toString());
        } else if (resp.code() != ResponseCode.SUCCESS) {
          LOG.warn("heartbeat to {} answered code {} ({})", address, resp.code(), resp.remark());
        }
        return null;
      }));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
  }

  private static byte[] localIpBytes(String ip) {
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      return new byte[] {127, 0, 0, 1};
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    remoting.shutdown();
  }
}
