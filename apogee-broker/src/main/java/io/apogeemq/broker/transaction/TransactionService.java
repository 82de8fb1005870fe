package io.apogeemq.broker.transaction;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.client.ProducerRegistry;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.TransactionConfig;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.file.SegmentSlice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactional messages, the broker side (semantics.md §4): {@code END_TRANSACTION} (37) on its
 * own executor, the check service thread, and the progress file {@code config/transaction.json}
 * ({@link TransactionCheckpoint}). The send path's part is {@link HalfMessageRedirect}.
 *
 * <p>At construction the progress is restored and the op records written since it was saved are
 * replayed, so after a restart nothing ended is ended again and nothing pending is forgotten. The
 * discard topic is created (1 queue) if absent. At shutdown the check thread is stopped and the
 * progress saved.
 *
 * <p>Thread-safety: lifecycle methods are called by {@code BrokerServer} in order; the parts are
 * thread-safe as documented on each.
 */
public final class TransactionService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionService.class);
  private static final long MAX_ROUND_MILLIS = 60_000;
  private static final long DISPATCH_WAIT_MILLIS = 10_000;

  private final TransactionConfig config;
  private final String brokerName;
  private final MessageStore store;
  private final Clock clock;
  private final ProducerRegistry producers;
  private final Path file;
  private final DoneOffsets done;
  private final TransactionResolver resolver;
  private final long initialScanOffset;
  private final long fileReservedMillis;
  private volatile MessageHost storeHost;
  private HalfQueueScan scan;
  private TransactionCheckService checker;

  /**
   * Restores the progress and replays op records.
   *
   * @throws IOException when the progress file cannot be read or is damaged
   */
  public TransactionService(BrokerConfig brokerConfig, TopicConfigRegistry topics,
      MessageStore store, Clock clock, ProducerRegistry producers) throws IOException {
    this.config = brokerConfig.transaction();
    this.brokerName = brokerConfig.brokerName();
    this.store = store;
    this.clock = clock;
    this.producers = producers;
    this.file = brokerConfig.store().storePathRootDir().resolve("config")
        .resolve(TransactionCheckpoint.FILE_NAME);
    this.fileReservedMillis = TimeUnit.HOURS.toMillis(brokerConfig.store().fileReservedTime());
    TransactionCheckpoint saved = TransactionCheckpoint.read(file);
    this.done = DoneOffsets.restore(saved.done());
    this.initialScanOffset = saved.halfScanOffset();
    long replayed = replayOps(saved.opReplayOffset());
    this.resolver = new TransactionResolver(store, done, clock,
        config.transactionCheckMaxTimeTopic());
    topics.createIfAbsent(TopicConfig.of(config.transactionCheckMaxTimeTopic(), 1));
    LOG.info("Transactions: check scan at half offset {}, oldest unended transaction at {}, "
        + "{} op records replayed", initialScanOffset, done.floor(), replayed);
  }

  @Override
  public String name() {
    return "transaction";
  }

  @Override
  public void install(RemotingServer server) {
    ThreadPoolExecutor executor = server.newProcessorExecutor("end-transaction",
        config.endTransactionThreadPoolNums(), config.endTransactionPoolQueueCapacity());
    EndTransactionProcessor processor = new EndTransactionProcessor(store, resolver, clock,
        () -> storeHost);
    server.registerProcessor(RequestCode.END_TRANSACTION, processor::process, executor);
    CheckBackSender sender = new CheckBackSender(producers, server::invokeOneway, brokerName);
    scan = new HalfQueueScan(store, done, resolver, sender, clock,
        new HalfQueueScan.Settings(config.transactionTimeOut(), config.transactionCheckMax(),
            fileReservedMillis, MAX_ROUND_MILLIS), initialScanOffset);
    checker = new TransactionCheckService(scan, config.transactionCheckInterval(), this::persist);
  }

  @Override
  public void start(BrokerEndpoint endpoint) {
    storeHost = endpoint.storeHost();
    checker.start(endpoint.storeHost());
  }

  @Override
  public void shutdown() {
    if (checker != null) {
      checker.stop();
      persist();
    }
  }

  /** Saves the progress; failures are logged (the next save or the op replay covers them). */
  private synchronized void persist() {
    // Op offset first, then the done snapshot: an op record appended after this offset is
    // replayed at start; one appended before it was marked done before the snapshot was taken.
    long opOffset = store.maxOffset(NameRules.TRANS_OP_HALF_TOPIC, 0);
    TransactionCheckpoint cp = new TransactionCheckpoint(scan.scanOffset(), opOffset,
        done.snapshot());
    try {
      cp.write(file);
    } catch (IOException e) {
      LOG.warn("Saving transaction progress to {} failed: {}", file, e.toString());
    }
  }

  /** Marks the origins of op records from {@code from} done; returns how many were read. */
  private long replayOps(long from) {
    awaitDispatch();
    long i = Math.max(from, store.minOffset(NameRules.TRANS_OP_HALF_TOPIC, 0));
    long end = store.maxOffset(NameRules.TRANS_OP_HALF_TOPIC, 0);
    long count = 0;
    while (i < end) {
      try (GetResult r = store.getMessages(NameRules.TRANS_OP_HALF_TOPIC, 0, i, 256, 1 << 20,
          TagFilter.ALL)) {
        if (r.status() != GetStatus.FOUND) {
          if (r.nextBeginOffset() <= i) {
            break;
          }
          i = r.nextBeginOffset();
          continue;
        }
        for (SegmentSlice s : r.messages()) {
          MessageRecord op = MessageRecordCodec.decode(s.buffer().duplicate(), false);
          for (long origin : HalfMessages.opOrigins(op.body())) {
            try {
              done.markDone(origin);
            } catch (IllegalArgumentException e) {
              LOG.warn("Op record at offset {} names half offset {} outside the window: {}",
                  op.queueOffset(), origin, e.getMessage());
            }
          }
          count++;
          i = op.queueOffset() + 1;
        }
      }
    }
    return count;
  }

  private void awaitDispatch() {
    long target = store.commitLogMaxOffset();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DISPATCH_WAIT_MILLIS);
    while (store.dispatchedOffset() < target && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (store.dispatchedOffset() < target) {
      LOG.warn("Consume queues not built up to {} after {} ms; op records beyond {} are not "
          + "replayed", target, DISPATCH_WAIT_MILLIS, store.dispatchedOffset());
    }
  }
}
