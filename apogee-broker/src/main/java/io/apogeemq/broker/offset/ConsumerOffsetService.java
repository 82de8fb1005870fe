package io.apogeemq.broker.offset;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.MessageStore;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer offsets: {@code QUERY_CONSUMER_OFFSET} (14) and {@code UPDATE_CONSUMER_OFFSET} (15,
 * usually oneway), kept in a {@link ConsumerOffsetTable} and flushed to {@code consumerOffset.json}
 * every {@code flushConsumerOffsetInterval} ms and at shutdown.
 *
 * <p>Lifecycle: {@link #load()} before {@link #start}; {@link #start} starts the flush thread
 * ({@code apogee-broker-offset-flush-N}); {@link #shutdown()} stops it and flushes a last time.
 *
 * <p>Thread-safe.
 */
public final class ConsumerOffsetService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerOffsetService.class);

  private final ConsumerOffsetTable table = new ConsumerOffsetTable();
  private final ConsumerOffsetFile file;
  private final MessageStore store;
  private final long flushIntervalMillis;
  private final Object flushLock = new Object();
  private long flushedVersion = -1;
  private ScheduledExecutorService flusher;

  public ConsumerOffsetService(ConsumerOffsetFile file, MessageStore store,
      long flushIntervalMillis) {
    if (flushIntervalMillis <= 0) {
      throw new IllegalArgumentException(
          "flushConsumerOffsetInterval must be positive: " + flushIntervalMillis);
    }
    this.file = file;
    this.store = store;
    this.flushIntervalMillis = flushIntervalMillis;
  }

  public ConsumerOffsetTable table() {
    return table;
  }

  /** Loads the persisted offsets; a malformed file stops the broker rather than losing offsets. */
  public void load() throws IOException {
    table.restore(file.load());
    synchronized (flushLock) {
      flushedVersion = table.version();
    }
    LOG.info("Loaded committed offsets of {} topic@group pairs from {}", table.keys().size(),
        file.path());
  }

  @Override
  public String name() {
    return "consumer-offset";
  }

  /** Registers codes 14 and 15, and the queue offset queries 29 to 32. */
  @Override
  public void install(RemotingServer server) {
    Executor executor = server.newProcessorExecutor("consumer-manage", 2, 100_000);
    new QueueOffsetProcessor(store).install(server);
    server.registerProcessor(RequestCode.QUERY_CONSUMER_OFFSET, this::query, executor);
    server.registerProcessor(RequestCode.UPDATE_CONSUMER_OFFSET, this::update, executor);
  }

  @Override
  public synchronized void start(BrokerEndpoint endpoint) {
    if (flusher != null) {
      return;
    }
    flusher = Executors.newSingleThreadScheduledExecutor(
        new NamedThreadFactory("apogee-broker-offset-flush"));
    flusher.scheduleWithFixedDelay(this::flushSafely, flushIntervalMillis, flushIntervalMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Stops the flush thread and writes the offsets one last time. */
  @Override
  public synchronized void shutdown() {
    if (flusher != null) {
      flusher.shutdown();
      try {
        if (!flusher.awaitTermination(5, TimeUnit.SECONDS)) {
          LOG.warn("consumer offset flush thread did not stop within 5 s");
          flusher.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      flusher = null;
    }
    flushSafely();
  }

  /** Writes the table if it changed since the last write. */
  public void flush() throws IOException {
    synchronized (flushLock) {
      long version = table.version();
      if (version == flushedVersion) {
        return;
      }
      file.save(table.snapshot());
      flushedVersion = version;
    }
  }

  private void flushSafely() {
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot write consumer offsets to {}: {} (will retry)", file.path(), e.toString());
    }
  }

  RemotingCommand query(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String group = h.requireString("consumerGroup");
    String topic = h.requireString("topic");
    int queueId = h.requireInt("queueId");
    boolean zeroIfNotFound = h.optionalBoolean("setZeroIfNotFound", true);
    OptionalLong stored = table.query(group, topic, queueId);
    long offset;
    if (stored.isPresent()) {
      offset = stored.getAsLong();
    } else if (zeroIfNotFound && store.minOffset(topic, queueId) == 0
        && store.maxOffset(topic, queueId) > 0) {
      // A young queue whose first message still exists: a brand-new group starts at its beginning.
      offset = 0;
    } else {
      throw new CommandException(ResponseCode.QUERY_NOT_FOUND,
          "no committed offset for group " + group
              + " on topic " + topic + " queue " + queueId);
    }
    return RemotingCommand.response(ResponseCode.SUCCESS, null).putExtField("offset", offset);
  }

  RemotingCommand update(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String group = h.requireString("consumerGroup");
    String topic = h.requireString("topic");
    int queueId = h.requireInt("queueId");
    long offset = h.requireLong("commitOffset");
    NameRules.groupProblem(group).or(() -> NameRules.storedTopicProblem(topic))
        .ifPresent(problem -> {
          throw new CommandException(ResponseCode.SYSTEM_ERROR, "offset update refused: " + problem
              + " (from " + context.peer() + ")");
        });
    if (offset < 0 || queueId < 0) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "illegal commit offset " + offset
          + " for group " + group + " topic " + topic + " queue " + queueId + " from "
          + context.peer());
    }
    table.commit(group, topic, queueId, offset);
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }
}
