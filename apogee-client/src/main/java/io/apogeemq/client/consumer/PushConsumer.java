package io.apogeemq.client.consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.internal.TopicRoute;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.name.NameRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push consumer. Clustering (default): the group's queues are split among its members by the allocation
 * strategy (the same split as the official client's, so mixed groups work), each assigned queue
 * is long-polled, messages go to a {@link MessageListener} on a bounded pool, failures are sent
 * back for redelivery, and offsets (lowest unconsumed) are committed to the broker every
 * {@code persistInterval} and on shutdown. Broadcasting: every member takes every queue, offsets
 * live in a local file, failed messages are logged and dropped.
 *
 * <p>Orderly ({@link OrderlyMessageListener}): each queue is consumed one batch at a time in
 * offset order ({@link OrderlyConsumeService}); in clustering mode a queue is locked on its broker
 * ({@code LOCK_BATCH_MQ}) before it is taken, the locks are renewed every {@code lockInterval},
 * and a queue given up is committed and unlocked only once its running listener call finished.
 *
 * <p>Rebalance runs every {@code rebalanceInterval}, when a broker reports a membership change,
 * and at start. Threads: the listener pool ({@code apogee-consume-<group>-n}); everything else
 * uses the client's I/O threads and scheduler.
 *
 * <p>Thread-safe. {@link #close()} stops pulling, lets running listener calls finish, commits
 * offsets and leaves the group.
 */
public final class PushConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PushConsumer.class);

  private final ClientRuntime runtime;
  private final PushConsumerConfig config;
  private final String group;
  private final Map<String, Subscription> subscriptions;
  private final ConsumerBrokerApi api;
  private final OffsetStore offsets;
  private final PullLoop pullLoop;
  private final ConsumeService consumeService;
  /** Broker locks of an orderly clustering consumer; null otherwise. */
  private final QueueLocks locks;
  private final ConcurrentHashMap<MessageQueue, ProcessQueue> owned = new ConcurrentHashMap<>();
  private final AtomicBoolean rebalanceQueued = new AtomicBoolean();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private volatile boolean stopping;
  private boolean closed;

  /** Use {@code ApogeeClient.pushConsumer(...)}. Starts consuming at once. */
  public PushConsumer(ClientRuntime runtime, PushConsumerConfig config, MessageListener listener) {
    this(runtime, config, java.util.Objects.requireNonNull(listener, "listener"), null);
  }

  /** Use {@code ApogeeClient.orderlyPushConsumer(...)}. Starts consuming at once. */
  public PushConsumer(ClientRuntime runtime, PushConsumerConfig config,
      OrderlyMessageListener listener) {
    this(runtime, config, null, java.util.Objects.requireNonNull(listener, "listener"));
  }

  private PushConsumer(ClientRuntime runtime, PushConsumerConfig config,
      MessageListener concurrent, OrderlyMessageListener orderly) {
    this.runtime = runtime;
    this.config = config;
    this.group = runtime.config().wrap(config.group());
    long version = runtime.config().clock().millis();
    Map<String, Subscription> subs = new LinkedHashMap<>();
    config.subscriptions().forEach((topic, expr) -> {
      String t = runtime.config().wrap(topic);
      subs.put(t, Subscription.of(t, expr, version));
    });
    if (!config.broadcasting()) {
      String retry = NameRules.retryTopic(group);
      subs.put(retry, Subscription.of(retry, "*", version));
    }
    this.subscriptions = Map.copyOf(subs);
    this.api = new ConsumerBrokerApi(runtime);
    this.offsets = config.broadcasting()
        ? new LocalFileOffsetStore(config.offsetDir().resolve(safe(runtime.clientId()))
            .resolve(safe(group)).resolve("offsets.json"))
        : new RemoteOffsetStore(group, api);
    this.pullLoop = new PullLoop(this);
    this.locks = orderly != null && !config.broadcasting() ? new QueueLocks(group, api) : null;
    this.consumeService = orderly != null ? new OrderlyConsumeService(this, orderly, locks)
        : new ConcurrentConsumeService(this, concurrent);
    start();
  }

  private void start() {
    runtime.registerConsumer(group, this::heartbeatEntry, this::rebalanceSoon);
    for (String topic : subscriptions.keySet()) {
      runtime.routes().fetch(topic).handle((r, e) -> {
        if (e != null) {
          LOG.warn("route of {} for group {} not available yet: {}", topic, group,
              e.getMessage());
        }
        return null;
      });
    }
    try {
      for (String topic : subscriptions.keySet()) {
        runtime.routes().route(topic).get(runtime.timeoutMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      LOG.warn("group {}: some routes are not available yet ({}); rebalance will retry", group,
          e.getMessage());
    }
    try {
      runtime.sendHeartbeats().get(runtime.timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("group {}: first heartbeat incomplete: {}", group, e.toString());
    }
    long rebalance = config.rebalanceInterval().toMillis();
    long persist = config.persistInterval().toMillis();
    synchronized (tasks) {
      tasks.add(runtime.scheduler().scheduleWithFixedDelay(this::rebalanceQuietly, 0, rebalance,
          TimeUnit.MILLISECONDS));
      tasks.add(runtime.scheduler().scheduleWithFixedDelay(
          () -> offsets.persist(owned.keySet()), persist, persist, TimeUnit.MILLISECONDS));
      if (locks != null) {
        long relock = config.lockInterval().toMillis();
        tasks.add(runtime.scheduler().scheduleWithFixedDelay(this::relockQuietly,
            Math.min(1_000, relock), relock, TimeUnit.MILLISECONDS));
      }
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._%@#-]", "_");
  }

  // --------------------------------------------------------------- accessors for collaborators

  PushConsumerConfig config() {
    return config;
  }

  ClientRuntime runtime() {
    return runtime;
  }

  ConsumerBrokerApi api() {
    return api;
  }

  OffsetStore offsets() {
    return offsets;
  }

  ConsumeService consumeService() {
    return consumeService;
  }

  /** True when a queue must be locked on its broker before it is pulled (orderly clustering). */
  boolean needsLock() {
    return locks != null;
  }

  private void relockQuietly() {
    try {
      if (!stopping) {
        locks.relock(Map.copyOf(owned));
      }
    } catch (RuntimeException e) {
      LOG.warn("group {}: re-locking queues failed: {}", group, e.toString());
    }
  }

  Subscription subscription(String topic) {
    return subscriptions.get(topic);
  }

  boolean isStopping() {
    return stopping;
  }

  /** The consumer group with the namespace applied. */
  public String group() {
    return group;
  }

  /** The queues this member consumes now. */
  public Set<MessageQueue> assignedQueues() {
    return Set.copyOf(owned.keySet());
  }

  /** Messages pulled and not yet consumed, over all assigned queues. */
  public int heldMessages() {
    int n = 0;
    for (ProcessQueue pq : owned.values()) {
      n += pq.count();
    }
    return n;
  }

  /** Times a pull waited because a process queue was full (count, bytes or span). */
  public long flowControlPauses() {
    return pullLoop.flowControlPauses();
  }

  /** The committed offsets held in memory. */
  public Map<MessageQueue, Long> committedOffsets() {
    return offsets.snapshot();
  }

  // --------------------------------------------------------------- heartbeat

  private ObjectNode heartbeatEntry() {
    return ConsumerHeartbeat.entry(group, ConsumerHeartbeat.PASSIVE, config.broadcasting(),
        config.start(), subscriptions.values());
  }

  // --------------------------------------------------------------- rebalance

  private void rebalanceSoon() {
    if (!stopping && rebalanceQueued.compareAndSet(false, true)) {
      runtime.scheduler().execute(() -> {
        rebalanceQueued.set(false);
        rebalanceQuietly();
      });
    }
  }

  private void rebalanceQuietly() {
    if (stopping) {
      return;
    }
    for (String topic : subscriptions.keySet()) {
      try {
        rebalance(topic);
      } catch (RuntimeException e) {
        boolean retryTopic = NameRules.isRetryTopic(topic);
        if (retryTopic) {
          LOG.debug("rebalance of {} for group {} skipped: {}", topic, group, e.getMessage());
        } else {
          LOG.warn("rebalance of {} for group {} failed: {}", topic, group, e.getMessage());
        }
      }
    }
  }

  private void rebalance(String topic) {
    Optional<TopicRoute> route;
    try {
      route = runtime.routes().fetch(topic).get(runtime.timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      route = Optional.ofNullable(runtime.routes().cached(topic));
      if (route.isEmpty()) {
        throw new ClientException("route of " + topic + ": " + e.getMessage(), e);
      }
    }
    if (route.isEmpty()) {
      throw new ClientException("topic " + topic + " has no route yet");
    }
    List<MessageQueue> all = new ArrayList<>(route.get().subscribeQueues(topic));
    Collections.sort(all);
    List<MessageQueue> mine;
    if (config.broadcasting()) {
      mine = all;
    } else {
      List<String> members = api.consumerIds(group, topic);
      mine = all.isEmpty() ? List.of()
          : config.allocation().allocate(runtime.clientId(), all, members);
    }
    Set<MessageQueue> target = new HashSet<>(mine);
    for (Map.Entry<MessageQueue, ProcessQueue> e : owned.entrySet()) {
      MessageQueue q = e.getKey();
      if (q.topic().equals(topic) && !target.contains(q)) {
        giveUp(q, e.getValue());
      }
    }
    List<MessageQueue> wanted = new ArrayList<>();
    for (MessageQueue q : mine) {
      if (!owned.containsKey(q) && !stopping) {
        wanted.add(q);
      }
    }
    Set<MessageQueue> granted = null;
    long lockedAt = System.nanoTime();
    if (locks != null && !wanted.isEmpty()) {
      granted = locks.lock(wanted);
      if (granted.size() < wanted.size()) {
        LOG.info("group {}: {} of {} new queue(s) of {} are still locked by another member; "
            + "retrying in 1 s", group, wanted.size() - granted.size(), wanted.size(), topic);
        runtime.scheduler().schedule(this::rebalanceSoon, 1, TimeUnit.SECONDS);
      }
    }
    for (MessageQueue q : wanted) {
      if (granted != null && !granted.contains(q)) {
        continue;
      }
      long start;
      try {
        start = startOffset(q);
      } catch (RuntimeException e) {
        LOG.warn("group {}: cannot find where to start {} ({}); next rebalance retries", group,
            q, e.getMessage());
        continue;
      }
      ProcessQueue pq = new ProcessQueue(q, start);
      if (granted != null) {
        pq.lockGranted(lockedAt);
      }
      offsets.update(q, start);
      owned.put(q, pq);
      LOG.info("group {} member {} took {} from offset {}", group, runtime.clientId(), q, start);
      pullLoop.pull(pq);
    }
  }

  /**
   * Stops consuming {@code q} and commits its offset. Orderly clustering: only once the running
   * listener call of the queue finished (waits up to 500 ms, else the next rebalance tries
   * again), then the broker lock is released so the next owner starts after what was consumed.
   */
  private void giveUp(MessageQueue q, ProcessQueue pq) {
    if (locks != null) {
      boolean idle;
      try {
        idle = pq.consumeLock().tryLock(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!idle) {
        LOG.info("group {}: {} is being consumed; giving it up at the next rebalance", group, q);
        return;
      }
      try {
        pq.drop();
        owned.remove(q);
        offsets.persistNow(q);
        offsets.remove(q);
        locks.unlock(List.of(q));
      } finally {
        pq.consumeLock().unlock();
      }
    } else {
      pq.drop();
      owned.remove(q);
      offsets.persistNow(q);
      offsets.remove(q);
    }
    LOG.info("group {} member {} gave up {}", group, runtime.clientId(), q);
  }

  private long startOffset(MessageQueue q) {
    long stored = offsets.read(q);
    if (stored >= 0) {
      return stored;
    }
    boolean retry = NameRules.isRetryTopic(q.topic());
    return switch (config.start().kind()) {
      case FIRST -> 0;
      case LAST -> retry ? 0 : api.maxOffset(q);
      case TIMESTAMP -> retry ? api.maxOffset(q)
          : api.searchOffset(q, config.start().timestamp().toEpochMilli());
    };
  }

  // --------------------------------------------------------------- shutdown

  /**
   * Stops pulling, waits (up to {@code shutdownTimeout}) for listener calls in progress, commits
   * the offsets of every assigned queue and leaves the group. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    synchronized (tasks) {
      tasks.forEach(t -> t.cancel(false));
    }
    try {
      consumeService.shutdown(config.shutdownTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Map.Entry<MessageQueue, ProcessQueue> e : owned.entrySet()) {
      e.getValue().drop();
      if (!runtime.isClosed()) {
        offsets.persistNow(e.getKey());
      }
    }
    if (locks != null && !runtime.isClosed()) {
      locks.unlock(owned.keySet());
    }
    owned.clear();
    runtime.unregisterConsumer(group);
    if (!runtime.isClosed()) {
      api.unregister(group);
    }
    LOG.info("push consumer of group {} closed", group);
  }
}
