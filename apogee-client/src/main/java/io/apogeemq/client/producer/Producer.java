package io.apogeemq.client.producer;

import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.client.message.SendResult;
import io.apogeemq.common.message.BatchBodyCodec;
import io.apogeemq.common.message.BatchEntry;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages: sync ({@link #send}), async ({@link #sendAsync}), oneway ({@link #sendOneway})
 * and in batches ({@link #sendBatch}); queue choice by round robin with broker fault avoidance, by
 * sharding key, by a {@link QueueSelector} or explicitly.
 *
 * <p>Sync sends retry on another broker after transport failures and retryable broker answers
 * (semantics.md §1.4) within {@link ProducerConfig#sendTimeout()}; async sends retry after
 * transport failures and (unlike the official client) after retryable broker answers such as
 * {@code SYSTEM_BUSY}, with a short back-off. Sends with a sharding key, a selector or an explicit queue retry only on the
 * same queue, so order is kept. Every attempt of one send carries the same unique id.
 *
 * <p>Async futures complete on the client's I/O thread; move slow continuations elsewhere with
 * {@code thenXxxAsync(..., executor)}. Thread-safe; owns no threads.
 */
public final class Producer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Producer.class);

  private final ClientRuntime runtime;
  private final ProducerConfig config;
  private final String group;
  private final PublishTargets targets;
  private final QueueChooser chooser;
  private final BodyCompressor compressor;
  private final TransactionChecker checker;
  private final AsyncBatcher batcher;
  private volatile boolean heartbeatAfterFirstHalf;
  private volatile boolean closed;

  /** Use {@code ApogeeClient.producer(...)}. */
  public Producer(ClientRuntime runtime, ProducerConfig config) {
    this(runtime, config, null);
  }

  /**
   * Use {@code ApogeeClient.transactionProducer(...)}; {@code checker} answers the broker's
   * check-backs for this group (null for a plain producer).
   */
  public Producer(ClientRuntime runtime, ProducerConfig config, TransactionChecker checker) {
    this.runtime = runtime;
    this.config = config;
    this.group = runtime.config().wrap(config.group());
    this.targets = new PublishTargets(runtime.routes(), config.defaultTopicQueueNums(),
        runtime.config().clock());
    this.chooser = new QueueChooser(runtime.faults(), config.faultAvoidance());
    this.compressor = new BodyCompressor(config.compressLevel());
    this.checker = checker;
    this.batcher = config.autoBatching().enabled() ? new AsyncBatcher(this, runtime.scheduler(),
        config.autoBatching(), config.maxMessageSize()) : null;
    if (checker != null) {
      TransactionCheckService.of(runtime).register(group, checker);
    }
    runtime.registerProducer(group);
    runtime.sendHeartbeats();
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Sends {@code message} as a half message, runs {@code local} and tells the broker to commit or
   * roll back (semantics.md §4.1). UNKNOWN leaves the decision to the checker this producer was
   * created with. A half message stored without SEND_OK status is rolled back.
   */
  public TransactionResult sendInTransaction(Message message, LocalTransaction local) {
    if (checker == null) {
      throw new IllegalStateException("producer " + group + " has no transaction checker; create"
          + " it with ApogeeClient.transactionProducer");
    }
    if (message.delayLevel() > 0 || message.deliveryTimeMillis() > 0) {
      throw new IllegalArgumentException("transactional message to '" + message.topic()
          + "' cannot be delayed");
    }
    checkOpen();
    PreparedMessage plain = prepare(message);
    StringBuilder extra = new StringBuilder(32);
    SendCodec.put(extra, io.apogeemq.common.message.PropertyKeys.TRANSACTION_PREPARED, "true");
    SendCodec.put(extra, io.apogeemq.common.message.PropertyKeys.PRODUCER_GROUP, group);
    PreparedMessage half = new PreparedMessage(plain.topic(), plain.body(),
        plain.sysFlag() | io.apogeemq.common.message.SysFlag.TRANSACTION_PREPARED_TYPE,
        SendCodec.properties(message, plain.uniqueId(), extra.toString()), plain.uniqueId(),
        message, null);
    SendResult stored = sendSync(half, null, null);
    if (!heartbeatAfterFirstHalf) {
      heartbeatAfterFirstHalf = true;
      runtime.sendHeartbeats();
    }
    TransactionState state;
    if (stored.status() != io.apogeemq.client.message.SendStatus.SEND_OK) {
      state = TransactionState.ROLLBACK;
    } else {
      try {
        state = local.execute(message, stored);
      } catch (Exception e) {
        LOG.warn("local transaction of {} threw: {}", stored.messageId(), e.toString());
        state = null;
      }
      if (state == null) {
        state = TransactionState.UNKNOWN;
      }
    }
    endTransaction(stored, state);
    return new TransactionResult(stored, state);
  }

  private void endTransaction(SendResult half, TransactionState state) {
    String address = runtime.routes().require(half.queue().topic(), runtime.timeoutMillis())
        .masterAddress(half.queue().brokerName());
    long commitLogOffset = io.apogeemq.common.message.OffsetMessageId
        .decode(half.offsetMessageId()).commitLogOffset();
    RemotingCommand end = RemotingCommand.onewayRequest(
        io.apogeemq.remoting.protocol.RequestCode.END_TRANSACTION)
        .putExtField("topic", half.queue().topic()).putExtField("producerGroup", group)
        .putExtField("tranStateTableOffset", half.queueOffset())
        .putExtField("commitLogOffset", commitLogOffset)
        .putExtField("commitOrRollback", state.wireValue())
        .putExtField("fromTransactionCheck", false).putExtField("msgId", half.messageId())
        .putExtField("transactionId", half.transactionId() != null ? half.transactionId()
            : half.messageId())
        .putExtField("bname", half.queue().brokerName());
    try {
      runtime.remoting().invokeOneway(address, end, runtime.timeoutMillis());
    } catch (RemotingException e) {
      LOG.warn("END_TRANSACTION {} for {} to {} failed; the broker will check back: {}", state,
          half.messageId(), address, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public ProducerConfig config() {
    return config;
  }

  /** The producer group with the namespace applied. */
  public String group() {
    return group;
  }

  // ---------------------------------------------------------------- sync

  /** Sends and waits; a sharding key, if set, picks the queue. */
  public SendResult send(Message message) {
    PreparedMessage p = prepare(message);
    return message.shardingKey() != null
        ? sendSync(p, QueueSelector.byShardingKey(), null)
        : sendSync(p, null, null);
  }

  /** Sends to the queue {@code selector} picks; retries stay on that queue. */
  public SendResult send(Message message, QueueSelector selector) {
    return sendSync(prepare(message), selector, null);
  }

  /** Sends to {@code queue}; retries stay on it. */
  public SendResult send(Message message, MessageQueue queue) {
    return sendSync(prepare(message), null, queue);
  }

  /**
   * Sends messages of one topic as batches, split so that no request body exceeds
   * {@link ProducerConfig#maxMessageSize()}; returns one result per message, in order. Each split
   * part is one sync send (with retries); a failure of a later part leaves earlier parts sent and
   * says how many were.
   */
  public List<SendResult> sendBatch(List<Message> messages) {
    List<PreparedMessage> parts = prepareBatch(messages);
    List<SendResult> out = new ArrayList<>(messages.size());
    for (PreparedMessage part : parts) {
      try {
        out.addAll(sendSyncAll(part, null, null));
      } catch (ClientException e) {
        throw new ClientException("batch to topic '" + part.topic() + "': " + out.size() + " of "
            + messages.size() + " messages sent before a part failed: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private SendResult sendSync(PreparedMessage p, QueueSelector selector, MessageQueue fixed) {
    return sendSyncAll(p, selector, fixed).get(0);
  }

  private List<SendResult> sendSyncAll(PreparedMessage p, QueueSelector selector,
      MessageQueue fixed) {
    checkOpen();
    long timeout = config.sendTimeout().toMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
    int attempts = 1 + config.retries();
    String lastBroker = null;
    Exception last = null;
    MessageQueue pinned = fixed;
    for (int attempt = 0; attempt < attempts; attempt++) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      PublishTargets.Target target = awaitTarget(p.topic(), left);
      MessageQueue q = pinned != null ? pinned
          : selector != null ? select(selector, target.queues(), p.message())
          : chooser.choose(target.queues(), lastBroker);
      if (selector != null) {
        pinned = q;
      }
      String address = PublishTargets.master(target, q).orElse(null);
      if (address == null) {
        last = new ClientException("queue " + q + " has no master in the route");
        targets.invalidate(p.topic());
        runtime.routes().fetch(p.topic());
        lastBroker = q.brokerName();
        continue;
      }
      left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      long start = System.nanoTime();
      try {
        RemotingCommand response = runtime.remoting().invokeSync(address,
            SendCodec.request(group, p, q, config.defaultTopicQueueNums(),
                runtime.config().clock().millis(), config.binaryHeaders()), left);
        runtime.faults().update(q.brokerName(), elapsedMillis(start), false);
        if (SendCodec.isStored(response.code())) {
          return SendCodec.results(response, p, q, address);
        }
        BrokerException error = new BrokerException(response.code(), response.remark(), address,
            "send to " + q);
        if (!SendCodec.isRetryable(response.code())) {
          throw error;
        }
        last = error;
      } catch (RemotingException e) {
        runtime.faults().update(q.brokerName(), elapsedMillis(start), true);
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClientException("interrupted while sending to " + q, e);
      }
      lastBroker = q.brokerName();
      LOG.debug("send attempt {} of {} to {} failed: {}", attempt + 1, attempts, q,
          last.getMessage());
    }
    throw new ClientException("send to topic '" + p.topic() + "' failed within "
        + timeout + " ms (" + attempts + " attempts allowed)"
        + (last == null ? ": time ran out" : ": " + last.getMessage()), last);
  }

  private PublishTargets.Target awaitTarget(String topic, long timeoutMillis) {
    try {
      return targets.target(topic).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ClientException c ? c
          : new ClientException("route of topic '" + topic + "': " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new ClientException("route of topic '" + topic + "' not found within "
          + timeoutMillis + " ms (NameServers " + runtime.config().namesrvAddresses() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted while looking up the route of " + topic, e);
    }
  }

  private static MessageQueue select(QueueSelector selector, List<MessageQueue> queues,
      Message m) {
    MessageQueue q = selector.select(queues, m);
    if (q == null || !queues.contains(q)) {
      throw new ClientException("queue selector returned " + q + ", not one of " + queues.size()
          + " queues of topic '" + m.topic() + "'");
    }
    return q;
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  // ---------------------------------------------------------------- async

  /**
   * Sends without blocking (except to open a connection on first use). The future fails with a
   * {@link ClientException} (or its {@link BrokerException}) after the retries are spent.
   */
  public CompletableFuture<SendResult> sendAsync(Message message) {
    return sendAsync(message, message.shardingKey() != null ? QueueSelector.byShardingKey() : null);
  }

  /** Sends without blocking to the queue {@code selector} picks. */
  public CompletableFuture<SendResult> sendAsync(Message message, QueueSelector selector) {
    if (selector == null && batcher != null && AsyncBatcher.eligible(message)) {
      return batcher.add(message);
    }
    SingleOutcome result = new SingleOutcome();
    try {
      checkOpen();
      PreparedMessage p = prepare(message);
      long deadline = System.nanoTime() + config.sendTimeout().toNanos();
      attemptAsync(p, selector, null, 0, deadline, null, result);
    } catch (RuntimeException e) {
      result.failed(e);
    }
    return result;
  }

  /**
   * Sends one prepared batch part asynchronously (auto-batching); {@code outcome} gets one result
   * per message or the failure.
   */
  void sendBatchAsync(PreparedMessage part, AsyncOutcome outcome) {
    try {
      checkOpen();
      long deadline = System.nanoTime() + config.sendTimeout().toNanos();
      attemptAsync(part, null, null, 0, deadline, null, outcome);
    } catch (RuntimeException e) {
      outcome.failed(e);
    }
  }

  private void attemptAsync(PreparedMessage p, QueueSelector selector, MessageQueue pinned,
      int attempt, long deadline, Exception previous, AsyncOutcome result) {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0 || runtime.isClosed()) {
      result.failed(new ClientException("async send to topic '" + p.topic()
          + "' failed within " + config.sendTimeout().toMillis() + " ms after " + attempt
          + " attempts" + (previous == null ? "" : ": " + previous.getMessage()), previous));
      return;
    }
    targets.target(p.topic()).whenComplete((target, routeError) -> {
      if (routeError != null) {
        Throwable c = routeError instanceof java.util.concurrent.CompletionException
            ? routeError.getCause() : routeError;
        result.failed(c instanceof ClientException ? c
            : new ClientException("route of topic '" + p.topic() + "': " + c, c));
        return;
      }
      MessageQueue q;
      try {
        q = pinned != null ? pinned
            : selector != null ? select(selector, target.queues(), p.message())
            : chooser.choose(target.queues(), previous == null ? null : lastBrokerOf(previous));
      } catch (RuntimeException e) {
        result.failed(e);
        return;
      }
      MessageQueue keep = selector != null ? q : null;
      String address = PublishTargets.master(target, q).orElse(null);
      if (address == null) {
        result.failed(new ClientException("queue " + q + " has no master"));
        return;
      }
      long start = System.nanoTime();
      RemotingCommand request = SendCodec.request(group, p, q, config.defaultTopicQueueNums(),
          runtime.config().clock().millis(), config.binaryHeaders());
      long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      runtime.remoting().invokeAsync(address, request, remaining).whenComplete((resp, err) -> {
        if (err != null) {
          runtime.faults().update(q.brokerName(), elapsedMillis(start), true);
          if (attempt < config.asyncRetries() && !runtime.isClosed()) {
            AttemptFailure failure = new AttemptFailure(q.brokerName(), q + " via " + address
                + ": " + err.getMessage(), err);
            try {
              runtime.scheduler().execute(() ->
                  attemptAsync(p, selector, keep, attempt + 1, deadline, failure, result));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
              result.failed(new ClientException("client closed during send", err));
            }
          } else {
            result.failed(new ClientException("async send to " + q + " via "
                + address + " failed after " + (attempt + 1) + " attempts: "
                + err.getMessage(), err));
          }
          return;
        }
        runtime.faults().update(q.brokerName(), elapsedMillis(start), false);
        try {
          if (SendCodec.isStored(resp.code())) {
            result.stored(SendCodec.results(resp, p, q, address));
          } else if (SendCodec.isRetryable(resp.code()) && attempt < config.asyncRetries()
              && !runtime.isClosed()) {
            // unlike the official client (transport failures only), a retryable answer such as
            // SYSTEM_BUSY is retried too, after a short back-off, avoiding that broker
            BrokerException busy = new BrokerException(resp.code(), resp.remark(), address,
                "send to " + q);
            AttemptFailure failure = new AttemptFailure(q.brokerName(), busy.getMessage(), busy);
            try {
              runtime.scheduler().schedule(() ->
                  attemptAsync(p, selector, keep, attempt + 1, deadline, failure, result),
                  50L * (attempt + 1), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
              result.failed(busy);
            }
          } else {
            result.failed(new BrokerException(resp.code(), resp.remark(), address,
                "send to " + q));
          }
        } catch (RuntimeException e) {
          result.failed(e);
        }
      });
    });
  }

  /** Where an async send's outcome goes: one message's future, or a batch's futures. */
  interface AsyncOutcome {
    /** The broker stored the message(s): one result per message. */
    void stored(List<SendResult> results);

    /** The send failed for good. */
    void failed(Throwable error);
  }

  /** The future of one async send, also its outcome (no extra object per send). */
  private static final class SingleOutcome extends CompletableFuture<SendResult>
      implements AsyncOutcome {
    @Override
    public void stored(List<SendResult> results) {
      complete(results.get(0));
    }

    @Override
    public void failed(Throwable error) {
      completeExceptionally(error);
    }
  }

  private static String lastBrokerOf(Exception previous) {
    return previous instanceof AttemptFailure f ? f.broker : null;
  }

  /** The failure of one async attempt, remembering its broker so the next attempt avoids it. */
  private static final class AttemptFailure extends Exception {
    private final String broker;

    AttemptFailure(String broker, String message, Throwable cause) {
      super(message, cause, false, false);
      this.broker = broker;
    }
  }

  // ---------------------------------------------------------------- oneway

  /** Sends once without waiting for (or getting) an answer; no retry. */
  public void sendOneway(Message message) {
    checkOpen();
    PreparedMessage p = prepare(message);
    long timeout = config.sendTimeout().toMillis();
    PublishTargets.Target target = awaitTarget(p.topic(), timeout);
    MessageQueue q = message.shardingKey() != null
        ? select(QueueSelector.byShardingKey(), target.queues(), message)
        : chooser.choose(target.queues(), null);
    String address = PublishTargets.master(target, q)
        .orElseThrow(() -> new ClientException("queue " + q + " has no master"));
    RemotingCommand request = SendCodec.request(group, p, q, config.defaultTopicQueueNums(),
        runtime.config().clock().millis(), config.binaryHeaders());
    request.oneway(true);
    try {
      runtime.remoting().invokeOneway(address, request, timeout);
    } catch (RemotingException e) {
      throw new ClientException("oneway send to " + q + " via " + address + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted while sending oneway to " + q, e);
    }
  }

  // ---------------------------------------------------------------- preparation

  private PreparedMessage prepare(Message m) {
    String topic = runtime.config().wrap(m.topic());
    byte[] body = m.body();
    if (body.length > config.maxMessageSize()) {
      throw new ClientException("message to topic '" + topic + "' has a body of " + body.length
          + " bytes, over the limit of " + config.maxMessageSize());
    }
    int sysFlag = 0;
    if (body.length >= config.compressOverBytes()) {
      byte[] compressed = compressor.compress(body);
      if (compressed.length < body.length) {
        body = compressed;
        sysFlag |= BodyCompressor.ZLIB_SYSFLAG;
      }
    }
    String id = runtime.ids().next();
    return new PreparedMessage(topic, body, sysFlag, SendCodec.properties(m, id, null), id, m,
        null);
  }

  /** Splits a batch into request bodies of at most {@code maxMessageSize} bytes each. */
  List<PreparedMessage> prepareBatch(List<Message> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("batch is empty");
    }
    Message first = messages.get(0);
    for (Message m : messages) {
      if (!m.topic().equals(first.topic())) {
        throw new IllegalArgumentException("batch mixes topics '" + first.topic() + "' and '"
            + m.topic() + "'");
      }
      if (m.delayLevel() > 0 || m.deliveryTimeMillis() > 0) {
        throw new IllegalArgumentException("batch to '" + m.topic()
            + "' contains a delayed message; batches cannot be delayed");
      }
      if (m.waitStoreOk() != first.waitStoreOk()) {
        throw new IllegalArgumentException("batch to '" + m.topic() + "' mixes waitStoreOk values");
      }
    }
    String topic = runtime.config().wrap(first.topic());
    if (NameRules.isRetryTopic(topic)) {
      throw new IllegalArgumentException("batches cannot go to retry topic '" + topic + "'");
    }
    List<PreparedMessage> parts = new ArrayList<>();
    List<BatchEntry> entries = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int bytes = 0;
    for (Message m : messages) {
      if (m.body().length > config.maxMessageSize()) {
        throw new ClientException("message in batch to '" + topic + "' has a body of "
            + m.body().length + " bytes, over the limit of " + config.maxMessageSize());
      }
      String id = runtime.ids().next();
      String props = SendCodec.properties(m, id, null);
      int size = 22 + m.body().length + props.length() * 3;
      if (!entries.isEmpty() && bytes + size > config.maxMessageSize()) {
        parts.add(batchPart(topic, first, entries, ids));
        entries = new ArrayList<>();
        ids = new ArrayList<>();
        bytes = 0;
      }
      entries.add(new BatchEntry(m.flag(), m.body(), props));
      ids.add(id);
      bytes += size;
    }
    parts.add(batchPart(topic, first, entries, ids));
    return parts;
  }

  private PreparedMessage batchPart(String topic, Message first, List<BatchEntry> entries,
      List<String> ids) {
    ByteBuffer buf = BatchBodyCodec.encode(entries);
    byte[] body;
    if (buf.hasArray() && buf.arrayOffset() == 0 && buf.position() == 0
        && buf.remaining() == buf.array().length) {
      body = buf.array();
    } else {
      body = new byte[buf.remaining()];
      buf.get(body);
    }
    // Only WAIT in the wrapper: the 5.3.3 broker appends the wrapper's properties to every inner
    // message, so a wrapper UNIQ_KEY would replace each message's own unique id.
    String wrapperId = ids.get(0);
    StringBuilder sb = new StringBuilder(16);
    SendCodec.put(sb, io.apogeemq.common.message.PropertyKeys.WAIT_STORE_MSG_OK,
        first.waitStoreOk() ? "true" : "false");
    return new PreparedMessage(topic, body, 0, sb.toString(), wrapperId, first,
        ids.toArray(String[]::new));
  }

  private void checkOpen() {
    if (closed || runtime.isClosed()) {
      throw new ClientException("producer " + group + " is closed");
    }
  }

  /**
   * Stops accepting sends and removes the group from heartbeats. Messages waiting for an
   * automatic batch are sent first; in-flight async sends finish.
   */
  @Override
  public void close() {
    if (!closed) {
      if (batcher != null) {
        batcher.flushAll();
      }
      closed = true;
      runtime.unregisterProducer(group);
      if (checker != null) {
        TransactionCheckService.of(runtime).unregister(group);
      }
    }
  }
}
