package io.apogeemq.broker.ha;

import io.apogeemq.broker.config.HaConfig.BrokerRole;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.PutStatus;
import io.apogeemq.store.StoreStats;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.dispatch.MessageArrivalListener;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.index.QueryResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The store as the rest of the broker sees it when roles matter — the replication step of the put
 * path, like the reference store's "flush and HA" stage:
 *
 * <ul>
 *   <li>on a SLAVE every append is refused with {@code SERVICE_NOT_AVAILABLE} (the broker group's
 *       master takes writes; semantics.md §1 step 7);
 *   <li>on a master every stored append wakes the replication server;
 *   <li>on a SYNC_MASTER an append that waits ({@code WAIT=true}) completes only once a slave
 *       acknowledged its last byte ({@code PUT_OK}), or with {@code FLUSH_SLAVE_TIMEOUT} after
 *       {@code slaveTimeout}, or at once with {@code SLAVE_NOT_AVAILABLE} when no slave is
 *       connected or the best one is {@code haMaxGapNotInSync} bytes behind or more (storage.md
 *       §15.3). The wait is chained after the store's own completion (disk flush); a replica
 *       failure overrides a flush status.
 * </ul>
 *
 * <p>Every other method forwards. Thread-safe (as the wrapped store).
 */
final class ReplicatingStore implements MessageStore {

  private final MessageStore store;
  private final BrokerRole role;
  private final String brokerName;
  private final ReplicaGate gate;

  /** What the replication side answers for a stored append. */
  interface ReplicaGate {
    /** Called after every stored append on a master. */
    void appended();

    /** The replica outcome of data ending at {@code endOffset} (SYNC_MASTER). */
    CompletableFuture<PutStatus> replicated(long endOffset);
  }

  ReplicatingStore(MessageStore store, BrokerRole role, String brokerName, ReplicaGate gate) {
    this.store = store;
    this.role = role;
    this.brokerName = brokerName;
    this.gate = gate;
  }

  @Override
  public CompletableFuture<AppendResult> append(AppendMessage message) {
    if (role == BrokerRole.SLAVE) {
      return refused();
    }
    return afterAppend(store.append(message), message.waitStoreMsgOk());
  }

  @Override
  public CompletableFuture<AppendResult> appendBatch(List<AppendMessage> batch) {
    if (role == BrokerRole.SLAVE) {
      return refused();
    }
    boolean wait = !batch.isEmpty() && batch.get(0).waitStoreMsgOk();
    return afterAppend(store.appendBatch(batch), wait);
  }

  private CompletableFuture<AppendResult> refused() {
    return CompletableFuture.completedFuture(AppendResult.failed(PutStatus.SERVICE_NOT_AVAILABLE,
        "broker " + brokerName + " is a slave and takes no writes; send to the master of the "
            + "group"));
  }

  private CompletableFuture<AppendResult> afterAppend(CompletableFuture<AppendResult> appended,
      boolean wait) {
    // The bytes are in the CommitLog once append returned (a SYNC_FLUSH future only waits for the
    // force): ship them now, in parallel with the flush. A wake-up for a refused append is
    // harmless (nothing new to ship).
    gate.appended();
    if (role != BrokerRole.SYNC_MASTER || !wait) {
      return appended;
    }
    return appended.thenCompose(r -> {
      if (!r.status().isStored()) {
        return CompletableFuture.completedFuture(r);
      }
      return gate.replicated(r.nextOffset()).thenApply(replica ->
          replica == PutStatus.PUT_OK ? r : r.withStatus(replica));
    });
  }

  /** The wrapped store (status, tests). */
  MessageStore delegate() {
    return store;
  }

  @Override
  public GetResult getMessages(String topic, int queueId, long offset, int maxCount,
      int maxBytes, TagFilter filter) {
    return store.getMessages(topic, queueId, offset, maxCount, maxBytes, filter);
  }

  @Override
  public SegmentSlice getByPhysicalOffset(long physicalOffset) {
    return store.getByPhysicalOffset(physicalOffset);
  }

  @Override
  public SegmentSlice readCommitLog(long offset, int maxBytes) {
    return store.readCommitLog(offset, maxBytes);
  }

  @Override
  public String appendReplicated(long offset, ByteBuffer data) {
    return store.appendReplicated(offset, data);
  }

  @Override
  public String truncateReplica(long offset) {
    return store.truncateReplica(offset);
  }

  @Override
  public long minOffset(String topic, int queueId) {
    return store.minOffset(topic, queueId);
  }

  @Override
  public long maxOffset(String topic, int queueId) {
    return store.maxOffset(topic, queueId);
  }

  @Override
  public long storeTime(String topic, int queueId, long queueOffset) {
    return store.storeTime(topic, queueId, queueOffset);
  }

  @Override
  public long earliestStoreTime(String topic, int queueId) {
    return store.earliestStoreTime(topic, queueId);
  }

  @Override
  public long offsetForTimestamp(String topic, int queueId, long timestamp) {
    return store.offsetForTimestamp(topic, queueId, timestamp);
  }

  @Override
  public QueryResult queryByKey(String topic, String key, int maxNum, long begin, long end) {
    return store.queryByKey(topic, key, maxNum, begin, end);
  }

  @Override
  public long commitLogMinOffset() {
    return store.commitLogMinOffset();
  }

  @Override
  public long commitLogMaxOffset() {
    return store.commitLogMaxOffset();
  }

  @Override
  public long dispatchedOffset() {
    return store.dispatchedOffset();
  }

  @Override
  public StoreStats stats() {
    return store.stats();
  }

  @Override
  public void addArrivalListener(MessageArrivalListener listener) {
    store.addArrivalListener(listener);
  }

  @Override
  public String recoveryReport() {
    return store.recoveryReport();
  }

  @Override
  public void close() {
    store.close();
  }
}
