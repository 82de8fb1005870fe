package io.apogeemq.client.consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pull consumer, either over explicitly assigned queues ({@link #assign}) or over the queues
 * the group's rebalancing gives it ({@link #subscribe}); {@link #seek} (offset, beginning, end,
 * timestamp), {@link #poll(Duration)} and commits (manual or automatic).
 *
 * <p>Every assigned queue keeps at most one long-polling pull in flight; {@code poll} returns what
 * has arrived, waiting up to its timeout when nothing has. No thread of its own.
 *
 * <p>Subscribe mode: the group's queues are split among its members with the allocation strategy
 * (default {@link io.apogeemq.client.consumer.allocate.AllocationStrategy#averagely()}, the same
 * split as the official clients, so official {@code DefaultLitePullConsumer}s and push consumers
 * of the group share it without overlap). The rebalance runs inside {@code poll}: at the first
 * poll, every {@code rebalanceInterval} (20 s) and soon after a broker reports a membership
 * change. A queue given up is committed first when auto-commit is on; with manual commits what
 * was polled but not committed is delivered again to the queue's next owner.
 *
 * <p>Not thread-safe: one thread polls (like Kafka's consumer); only the membership-change flag
 * is set from the client's scheduler. {@link #close()} commits when auto-commit is on.
 */
public final class PullConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PullConsumer.class);

  /** Position and in-flight pull of one assigned queue. */
  private static final class QueueState {
    final MessageQueue queue;
    final Subscription subscription;
    long position;
    long committed = -1;
    CompletableFuture<RemotingCommand> inFlight;
    long inFlightOffset;

    QueueState(MessageQueue queue, Subscription subscription, long position) {
      this.queue = queue;
      this.subscription = subscription;
      this.position = position;
    }
  }

  private final ClientRuntime runtime;
  private final String group;
  private final ConsumerBrokerApi api;
  private final StartPosition start;
  private final boolean autoCommit;
  private final int batchSize;
  private final Map<MessageQueue, QueueState> queues = new LinkedHashMap<>();
  /** Subscribe mode: topic -> subscription (empty in assign mode). */
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private volatile Map<String, Subscription> heartbeatSubscriptions = Map.of();
  private volatile boolean membershipChanged;
  private io.apogeemq.client.consumer.allocate.AllocationStrategy allocation =
      io.apogeemq.client.consumer.allocate.AllocationStrategy.averagely();
  private long rebalanceIntervalNanos = TimeUnit.SECONDS.toNanos(20);
  private long nextRebalanceNanos;
  private boolean assigned;
  private boolean closed;

  /** Use {@code ApogeeClient.pullConsumer(...)}. */
  public PullConsumer(ClientRuntime runtime, String group, StartPosition start,
      boolean autoCommit, int batchSize) {
    this.runtime = runtime;
    this.group = runtime.config().wrap(group);
    this.api = new ConsumerBrokerApi(runtime);
    this.start = start;
    this.autoCommit = autoCommit;
    this.batchSize = batchSize;
    runtime.registerConsumer(this.group, this::heartbeatEntry, () -> membershipChanged = true);
  }

  /**
   * Subscribe mode: consumes {@code topic} ({@code tagExpression}: {@code *} or
   * {@code A || B}) on the queues the group's rebalancing assigns to this member. Cannot be
   * mixed with {@link #assign}.
   */
  public void subscribe(String topic, String tagExpression) {
    checkOpen();
    if (assigned) {
      throw new IllegalStateException("pull consumer of group " + group
          + " uses assign(); subscribe() cannot be mixed with it");
    }
    String t = runtime.config().wrap(topic);
    subscriptions.put(t, Subscription.of(t, tagExpression, runtime.config().clock().millis()));
    heartbeatSubscriptions = Map.copyOf(subscriptions);
    nextRebalanceNanos = System.nanoTime();
    runtime.routes().fetch(t);
    runtime.sendHeartbeats();
  }

  /** Subscribe mode: how queues are split among the group (before the first poll). */
  public void allocation(io.apogeemq.client.consumer.allocate.AllocationStrategy strategy) {
    this.allocation = java.util.Objects.requireNonNull(strategy, "strategy");
  }

  /** Subscribe mode: the periodic rebalance (default 20 s, as the official clients). */
  public void rebalanceInterval(Duration interval) {
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException("rebalance interval " + interval + " is under 100 ms");
    }
    this.rebalanceIntervalNanos = interval.toNanos();
  }

  private void rebalanceIfDue() {
    long now = System.nanoTime();
    if (!membershipChanged && now - nextRebalanceNanos < 0) {
      return;
    }
    membershipChanged = false;
    nextRebalanceNanos = now + rebalanceIntervalNanos;
    for (Subscription sub : subscriptions.values()) {
      try {
        rebalance(sub);
      } catch (RuntimeException e) {
        LOG.warn("rebalance of {} for pull group {} failed (next poll retries): {}", sub.topic(),
            group, e.getMessage());
        nextRebalanceNanos = now + TimeUnit.SECONDS.toNanos(1);
      }
    }
  }

  private void rebalance(Subscription sub) {
    String topic = sub.topic();
    List<MessageQueue> all = new ArrayList<>(runtime.routes().require(topic,
        runtime.timeoutMillis()).subscribeQueues(topic));
    java.util.Collections.sort(all);
    List<String> members = api.consumerIds(group, topic);
    List<MessageQueue> mine = all.isEmpty() || !members.contains(runtime.clientId()) ? List.of()
        : allocation.allocate(runtime.clientId(), all, members);
    java.util.Set<MessageQueue> target = new java.util.HashSet<>(mine);
    java.util.Iterator<Map.Entry<MessageQueue, QueueState>> it = queues.entrySet().iterator();
    while (it.hasNext()) {
      QueueState s = it.next().getValue();
      if (s.queue.topic().equals(topic) && !target.contains(s.queue)) {
        if (autoCommit && s.position != s.committed) {
          try {
            api.updateOffsetSync(group, s.queue, s.position);
          } catch (ClientException e) {
            LOG.warn("commit of {} at {} before giving it up failed: {}", s.queue, s.position,
                e.getMessage());
          }
        }
        it.remove();
        LOG.info("pull group {} member {} gave up {}", group, runtime.clientId(), s.queue);
      }
    }
    for (MessageQueue q : mine) {
      if (!queues.containsKey(q)) {
        QueueState s = startState(q, sub);
        queues.put(q, s);
        LOG.info("pull group {} member {} took {} from offset {}", group, runtime.clientId(), q,
            s.position);
      }
    }
  }

  private QueueState startState(MessageQueue q, Subscription sub) {
    long stored = api.queryOffset(group, q);
    long pos = stored >= 0 ? stored : switch (start.kind()) {
      case FIRST -> api.minOffset(q);
      case LAST -> api.maxOffset(q);
      case TIMESTAMP -> api.searchOffset(q, start.timestamp().toEpochMilli());
    };
    QueueState s = new QueueState(q, sub, pos);
    s.committed = stored;
    return s;
  }

  /** The queues of {@code topic} (from its route), for {@link #assign}. */
  public List<MessageQueue> queuesOf(String topic) {
    String t = runtime.config().wrap(topic);
    List<MessageQueue> out = new ArrayList<>(runtime.routes().require(t, runtime.timeoutMillis())
        .subscribeQueues(t));
    java.util.Collections.sort(out);
    return out;
  }

  /**
   * Consumes exactly {@code assigned} (replacing any earlier assignment), all messages
   * ({@code *}). Each queue starts at the group's committed offset, else at the start position.
   */
  public void assign(Collection<MessageQueue> assigned) {
    assign(assigned, "*");
  }

  /** Like {@link #assign(Collection)} with a tag expression. */
  public void assign(Collection<MessageQueue> assigned, String tagExpression) {
    checkOpen();
    if (!subscriptions.isEmpty()) {
      throw new IllegalStateException("pull consumer of group " + group
          + " uses subscribe(); assign() cannot be mixed with it");
    }
    this.assigned = true;
    queues.clear();
    long version = runtime.config().clock().millis();
    Map<String, Subscription> byTopic = new LinkedHashMap<>();
    for (MessageQueue q : assigned) {
      Subscription sub = byTopic.computeIfAbsent(q.topic(),
          t -> Subscription.of(t, tagExpression, version));
      queues.put(q, startState(q, sub));
    }
    heartbeatSubscriptions = Map.copyOf(byTopic);
    runtime.sendHeartbeats();
  }

  /** The assigned queues (subscribe mode: as of the last rebalance). */
  public List<MessageQueue> assignment() {
    return List.copyOf(queues.keySet());
  }

  /** The next offset {@code poll} reads from {@code queue}. */
  public long position(MessageQueue queue) {
    return state(queue).position;
  }

  public void seek(MessageQueue queue, long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " of " + queue + " is negative");
    }
    QueueState s = state(queue);
    s.position = offset;
    s.inFlight = null;
  }

  public void seekToBeginning(MessageQueue queue) {
    seek(queue, api.minOffset(queue));
  }

  public void seekToEnd(MessageQueue queue) {
    seek(queue, api.maxOffset(queue));
  }

  /** To the first message stored at or after {@code time}. */
  public void seekToTimestamp(MessageQueue queue, Instant time) {
    seek(queue, api.searchOffset(queue, time.toEpochMilli()));
  }

  /**
   * Messages that arrived since the last call, waiting up to {@code timeout} when none has; an
   * empty list when the timeout passes. Commits the previous positions first when auto-commit is
   * on.
   */
  public List<ReceivedMessage> poll(Duration timeout) {
    checkOpen();
    boolean subscribeMode = !subscriptions.isEmpty();
    if (queues.isEmpty() && !subscribeMode) {
      throw new IllegalStateException("pull consumer of group " + group
          + " has no assigned queue and no subscription");
    }
    if (autoCommit) {
      commitAsync();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ReceivedMessage> out = new ArrayList<>();
    while (true) {
      if (subscribeMode) {
        rebalanceIfDue();
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (queues.isEmpty()) {
        if (left <= 0) {
          return out;
        }
        try {
          Thread.sleep(Math.min(left, 100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return out;
        }
        continue;
      }
      List<CompletableFuture<RemotingCommand>> waiting = new ArrayList<>();
      for (QueueState s : queues.values()) {
        if (s.inFlight == null) {
          startPull(s, Math.max(0, left));
        }
        if (s.inFlight.isDone()) {
          collect(s, out);
        } else {
          waiting.add(s.inFlight);
        }
      }
      if (!out.isEmpty() || left <= 0) {
        return out;
      }
      try {
        // subscribe mode: wake up in time for a membership change
        long wait = subscribeMode ? Math.min(left, 200) : left;
        CompletableFuture.anyOf(waiting.toArray(CompletableFuture[]::new))
            .get(wait, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!subscribeMode || System.nanoTime() - deadline >= 0) {
          return out;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out;
      } catch (Exception e) {
        // a failed pull is collected (and retried) in the next round
      }
    }
  }

  private void startPull(QueueState s, long suspendMillis) {
    String address;
    try {
      address = api.master(s.queue);
    } catch (RuntimeException e) {
      s.inFlight = CompletableFuture.failedFuture(e);
      s.inFlightOffset = s.position;
      return;
    }
    int sysFlag = PullLoop.FLAG_SUBSCRIPTION | (suspendMillis > 0 ? PullLoop.FLAG_SUSPEND : 0);
    RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE)
        .putExtField("consumerGroup", group).putExtField("topic", s.queue.topic())
        .putExtField("queueId", s.queue.queueId()).putExtField("queueOffset", s.position)
        .putExtField("maxMsgNums", batchSize).putExtField("sysFlag", sysFlag)
        .putExtField("commitOffset", 0).putExtField("suspendTimeoutMillis", suspendMillis)
        .putExtField("subscription", s.subscription.expression())
        .putExtField("subVersion", s.subscription.version()).putExtField("expressionType", "TAG")
        .putExtField("bname", s.queue.brokerName());
    s.inFlightOffset = s.position;
    s.inFlight = runtime.remoting().invokeAsync(address, request, suspendMillis + 10_000);
  }

  private void collect(QueueState s, List<ReceivedMessage> out) {
    CompletableFuture<RemotingCommand> f = s.inFlight;
    s.inFlight = null;
    if (s.inFlightOffset != s.position) {
      return;
    }
    RemotingCommand r;
    try {
      r = f.join();
    } catch (RuntimeException e) {
      LOG.debug("pull of {} at {} failed: {}", s.queue, s.position, e.toString());
      return;
    }
    String next = r.extField("nextBeginOffset");
    switch (r.code()) {
      case ResponseCode.SUCCESS -> {
        if (r.body() != null) {
          out.addAll(PulledMessages.decode(r.body(), s.queue, s.subscription));
        }
        s.position = Long.parseLong(next);
      }
      case ResponseCode.PULL_NOT_FOUND, ResponseCode.PULL_RETRY_IMMEDIATELY ->
          s.position = Long.parseLong(next);
      case ResponseCode.PULL_OFFSET_MOVED -> {
        LOG.warn("offset {} of {} is illegal; moving to {}", s.position, s.queue, next);
        s.position = Long.parseLong(next);
      }
      default -> LOG.warn("pull of {} at {} answered code {} ({})", s.queue, s.position, r.code(),
          r.remark());
    }
  }

  /** Commits every queue's position (the next offset to read) and waits. */
  public void commitSync() {
    for (QueueState s : queues.values()) {
      if (s.position != s.committed) {
        api.updateOffsetSync(group, s.queue, s.position);
        s.committed = s.position;
      }
    }
  }

  /** Commits every queue's position without waiting (oneway). */
  public void commitAsync() {
    for (QueueState s : queues.values()) {
      if (s.position != s.committed) {
        try {
          api.updateOffsetOneway(group, s.queue, s.position);
          s.committed = s.position;
        } catch (ClientException e) {
          LOG.warn("commit of {} at {} failed: {}", s.queue, s.position, e.getMessage());
        }
      }
    }
  }

  /** The offset committed to the broker for {@code queue}, or -1 when none. */
  public long committed(MessageQueue queue) {
    return api.queryOffset(group, queue);
  }

  private QueueState state(MessageQueue queue) {
    QueueState s = queues.get(queue);
    if (s == null) {
      throw new IllegalArgumentException(queue + " is not assigned to this pull consumer");
    }
    return s;
  }

  private ObjectNode heartbeatEntry() {
    return ConsumerHeartbeat.entry(group, ConsumerHeartbeat.ACTIVE, false, start,
        heartbeatSubscriptions.values());
  }

  private void checkOpen() {
    if (closed || runtime.isClosed()) {
      throw new ClientException("pull consumer of group " + group + " is closed");
    }
  }

  /** Commits (when auto-commit is on) and leaves the group. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (autoCommit && !runtime.isClosed()) {
      try {
        commitSync();
      } catch (ClientException e) {
        LOG.warn("final commit of pull consumer {} failed: {}", group, e.getMessage());
      }
    }
    runtime.unregisterConsumer(group);
    if (!runtime.isClosed()) {
      api.unregister(group);
    }
  }
}
