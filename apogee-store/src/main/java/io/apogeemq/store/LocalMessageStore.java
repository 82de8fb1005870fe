package io.apogeemq.store;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.common.message.MessageMagic;
import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.checkpoint.StoreLock;
import io.apogeemq.store.commitlog.CommitLog;
import io.apogeemq.store.commitlog.RecordBoundary;
import io.apogeemq.store.dispatch.DispatchService;
import io.apogeemq.store.dispatch.MessageArrivalListener;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.file.StorageIo;
import io.apogeemq.store.flush.AsyncFlusher;
import io.apogeemq.store.flush.ConsumeQueueFlusher;
import io.apogeemq.store.flush.GroupCommitFlusher;
import io.apogeemq.store.index.IndexService;
import io.apogeemq.store.index.QueryResult;
import io.apogeemq.store.queue.ConsumeQueue;
import io.apogeemq.store.queue.ConsumeQueueTable;
import io.apogeemq.store.queue.ConsumeQueueUnit;
import io.apogeemq.store.retention.RetentionService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on the local file system: wires CommitLog, consume queues, index, dispatch, flush,
 * checkpoint, recovery and retention together (storage.md §9 start-up order).
 *
 * <p>Thread-safe. Threads it owns (all named {@code apogee-store-*}): dispatch, one flusher
 * (group commit + watchdog, or async), consume-queue flusher, retention, segment allocator; all are
 * stopped by {@link #close()}.
 */
public final class LocalMessageStore implements MessageStore {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMessageStore.class);
  private static final int CQ_THOROUGH_FLUSH_MILLIS = 60_000;

  private final StoreConfig config;
  private final StoreLock lock;
  private final StoreCheckpoint checkpoint;
  private final CommitLog commitLog;
  private final ConsumeQueueTable queues;
  private final IndexService index;
  private final DispatchService dispatch;
  private final GroupCommitFlusher groupCommit;
  private final AsyncFlusher asyncFlusher;
  private final ConsumeQueueFlusher cqFlusher;
  private final RetentionService retention;
  private final ExecutorService allocator;
  private final WriteGate gate = new WriteGate();
  private final QueueReader reader;
  private final String recoveryReport;
  private final LongAdder putMessages = new LongAdder();
  private final LongAdder putBytes = new LongAdder();
  private final LongAdder putFailures = new LongAdder();
  private final LongAdder getMessages = new LongAdder();
  private final LongAdder getBytes = new LongAdder();
  private volatile boolean closed;

  private LocalMessageStore(StoreConfig config, StorageIo io, Clock clock) throws IOException {
    this.config = config;
    this.lock = StoreLock.acquire(config.storePathRootDir());
    boolean started = false;
    try {
      boolean abnormal = lock.previousRunAborted();
      this.checkpoint = new StoreCheckpoint(config.storePathRootDir().resolve("checkpoint"), io);
      this.allocator = config.preallocateCommitLog()
          ? Executors.newSingleThreadExecutor(new NamedThreadFactory("apogee-store-allocator"))
          : null;
      this.commitLog = new CommitLog(config, io, clock, allocator);
      this.queues = new ConsumeQueueTable(config.storePathRootDir(),
          config.mappedFileSizeConsumeQueue(), io);
      this.index = config.messageIndexEnable()
          ? new IndexService(config.storePathRootDir(), config.maxHashSlotNum(),
              config.maxIndexNum(), io, clock)
          : null;
      commitLog.load();
      queues.load();
      if (index != null) {
        index.load();
      }
      StoreRecovery.Result recovered = StoreRecovery.run(config, commitLog, queues, index,
          checkpoint, abnormal);
      this.dispatch = recovered.dispatch();
      this.recoveryReport = recovered.report();
      this.reader = new QueueReader(commitLog, config);
      LOG.info("store {} opened: {}", config.storePathRootDir(), recoveryReport);

      if (config.flushDiskType() == FlushDiskType.SYNC_FLUSH) {
        this.groupCommit = new GroupCommitFlusher(commitLog, checkpoint, config.syncFlushTimeout(),
            this::flushFailed);
        this.asyncFlusher = null;
      } else {
        this.groupCommit = null;
        this.asyncFlusher = new AsyncFlusher(commitLog, checkpoint,
            config.flushIntervalCommitLog(), config.flushCommitLogLeastPages(),
            config.flushCommitLogThoroughInterval(), this::flushFailed);
      }
      this.cqFlusher = new ConsumeQueueFlusher(queues, index, dispatch, checkpoint,
          config.flushIntervalConsumeQueue(), config.flushConsumeQueueLeastPages(),
          Math.max(config.flushIntervalConsumeQueue(), CQ_THOROUGH_FLUSH_MILLIS));
      this.retention = new RetentionService(config, commitLog, io, clock, dispatch, gate);
      dispatch.start();
      if (groupCommit != null) {
        groupCommit.start();
      } else {
        asyncFlusher.start();
      }
      cqFlusher.start();
      retention.start();
      lock.markRunning();
      started = true;
    } finally {
      if (!started) {
        lock.close();
      }
    }
  }

  /** Opens (recovering if needed) and starts a store on the real file system. */
  public static LocalMessageStore open(StoreConfig config) throws IOException {
    return open(config, config.reserveDiskSpace() ? StorageIo.reserving() : StorageIo.standard(),
        Clock.systemDefaultZone());
  }

  /** Opens with an I/O seam (fault injection) and a clock. */
  public static LocalMessageStore open(StoreConfig config, StorageIo io, Clock clock)
      throws IOException {
    return new LocalMessageStore(config, io, clock);
  }

  private void flushFailed(String what, Exception cause) {
    gate.block("io", what + " failed (" + cause + "); appends are refused until restart");
  }

  @Override
  public CompletableFuture<AppendResult> append(AppendMessage message) {
    String blocked = gate.reason();
    if (blocked != null || closed) {
      putFailures.increment();
      return CompletableFuture.completedFuture(AppendResult.failed(
          PutStatus.SERVICE_NOT_AVAILABLE, closed ? "store is closed" : blocked));
    }
    return afterAppend(commitLog.append(message), message.waitStoreMsgOk());
  }

  @Override
  public CompletableFuture<AppendResult> appendBatch(List<AppendMessage> batch) {
    String blocked = gate.reason();
    if (blocked != null || closed) {
      putFailures.increment();
      return CompletableFuture.completedFuture(AppendResult.failed(
          PutStatus.SERVICE_NOT_AVAILABLE, closed ? "store is closed" : blocked));
    }
    boolean wait = !batch.isEmpty() && batch.get(0).waitStoreMsgOk();
    return afterAppend(commitLog.appendBatch(batch), wait);
  }

  private CompletableFuture<AppendResult> afterAppend(AppendResult r, boolean wait) {
    if (!r.status().isStored()) {
      putFailures.increment();
      return CompletableFuture.completedFuture(r);
    }
    dispatch.appended();
    putMessages.add(r.messageCount());
    putBytes.add(r.wroteBytes());
    if (groupCommit != null && wait) {
      return groupCommit.submit(r.nextOffset()).thenApply(r::withStatus);
    }
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public GetResult getMessages(String topic, int queueId, long offset, int maxCount,
      int maxBytes, TagFilter filter) {
    GetResult r = reader.read(queues.find(topic, queueId), offset, maxCount, maxBytes, filter);
    if (r.status() == GetStatus.FOUND) {
      getMessages.add(r.messages().size());
      getBytes.add(r.totalBytes());
    }
    return r;
  }

  @Override
  public SegmentSlice getByPhysicalOffset(long physicalOffset) {
    try (SegmentSlice head = commitLog.read(physicalOffset, 8)) {
      if (head == null || !MessageMagic.isRecord(head.buffer().getInt(4))) {
        return null;
      }
      return commitLog.read(physicalOffset, head.buffer().getInt(0));
    }
  }

  @Override
  public SegmentSlice readCommitLog(long offset, int maxBytes) {
    return commitLog.readRaw(offset, maxBytes);
  }

  @Override
  public String appendReplicated(long offset, ByteBuffer data) {
    String blocked = gate.reason();
    if (blocked != null || closed) {
      return closed ? "store is closed" : blocked;
    }
    String refused = commitLog.appendRaw(offset, data);
    if (refused == null) {
      dispatch.appended();
    }
    return refused;
  }

  @Override
  public String truncateReplica(long offset) {
    if (closed) {
      return "store is closed";
    }
    long max = commitLog.maxOffset();
    if (offset >= max) {
      return null;
    }
    long min = commitLog.minOffset();
    if (offset < min) {
      return "cannot cut the CommitLog back to offset " + offset + ": its oldest stored offset is "
          + min;
    }
    String notBoundary = RecordBoundary.check(commitLog, offset);
    if (notBoundary != null) {
      return "cannot cut the CommitLog back to offset " + offset + ": " + notBoundary;
    }
    try {
      String report = dispatch.truncateAfter(offset).get(60, TimeUnit.SECONDS);
      LOG.warn("store {}: {}", config.storePathRootDir(), report);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while cutting the CommitLog back to offset " + offset;
    } catch (ExecutionException e) {
      LOG.error("cutting the CommitLog back to offset {} failed", offset, e.getCause());
      gate.block("io", "cutting the CommitLog back to offset " + offset + " failed ("
          + e.getCause() + "); appends are refused until restart");
      return "cutting the CommitLog back to offset " + offset + " failed: " + e.getCause();
    } catch (TimeoutException e) {
      return "cutting the CommitLog back to offset " + offset + " did not finish in 60 s";
    }
  }

  @Override
  public long minOffset(String topic, int queueId) {
    ConsumeQueue cq = queues.find(topic, queueId);
    return cq == null ? 0 : cq.minOffset();
  }

  @Override
  public long maxOffset(String topic, int queueId) {
    ConsumeQueue cq = queues.find(topic, queueId);
    return cq == null ? 0 : cq.maxOffset();
  }

  @Override
  public long storeTime(String topic, int queueId, long queueOffset) {
    ConsumeQueue cq = queues.find(topic, queueId);
    ConsumeQueueUnit u = cq == null ? null : cq.unit(queueOffset);
    return u == null || !u.isMessage() ? -1 : commitLog.storeTimestampAt(u.physicalOffset());
  }

  @Override
  public long earliestStoreTime(String topic, int queueId) {
    return storeTime(topic, queueId, minOffset(topic, queueId));
  }

  @Override
  public long offsetForTimestamp(String topic, int queueId, long timestamp) {
    ConsumeQueue cq = queues.find(topic, queueId);
    return cq == null ? 0 : cq.offsetForTimestamp(timestamp, commitLog::storeTimestampAt);
  }

  @Override
  public QueryResult queryByKey(String topic, String key, int maxNum, long begin, long end) {
    if (index == null) {
      return new QueryResult(List.of(), 0, 0);
    }
    return index.query(topic, key, maxNum, begin, end);
  }

  @Override
  public long commitLogMinOffset() {
    return commitLog.minOffset();
  }

  @Override
  public long commitLogMaxOffset() {
    return commitLog.maxOffset();
  }

  @Override
  public long dispatchedOffset() {
    return dispatch.dispatchedOffset();
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(putMessages.sum(), putBytes.sum(), putFailures.sum(), getMessages.sum(),
        getBytes.sum());
  }

  @Override
  public void addArrivalListener(MessageArrivalListener listener) {
    dispatch.addListener(listener);
  }

  @Override
  public String recoveryReport() {
    return recoveryReport;
  }

  /** The retention service, for admin-triggered deletion and tests. */
  public RetentionService retention() {
    return retention;
  }

  /** Why appends are refused right now, or null. */
  public String writeBlockReason() {
    return gate.reason();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    retention.stop();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (dispatch.dispatchedOffset() < commitLog.maxOffset() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    dispatch.stop();
    boolean backlogClear = dispatch.dispatchedOffset() >= commitLog.maxOffset();
    if (groupCommit != null) {
      groupCommit.stop();
    } else {
      asyncFlusher.stop();
    }
    cqFlusher.stop();
    boolean ioOk = gate.reason() == null;
    try {
      commitLog.segments().flush(0);
      checkpoint.setPhysicMsgTimestamp(commitLog.lastStoreTimestamp());
    } catch (IOException e) {
      ioOk = false;
      LOG.error("final CommitLog flush failed", e);
    }
    cqFlusher.flushAll();
    commitLog.close();
    queues.close();
    if (index != null) {
      index.close();
    }
    checkpoint.close();
    if (allocator != null) {
      allocator.shutdownNow();
      try {
        allocator.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (backlogClear && ioOk) {
        lock.markCleanShutdown();
      } else {
        LOG.warn("keeping the abort marker: dispatch backlog clear={}, I/O ok={}", backlogClear,
            ioOk);
      }
      lock.close();
    } catch (IOException e) {
      LOG.error("releasing the store lock failed", e);
    }
  }
}
