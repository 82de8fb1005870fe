package io.apogeemq.store;

import io.apogeemq.store.dispatch.MessageArrivalListener;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.index.QueryResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the broker needs from the store. Every method is thread-safe. Reads hand out zero-copy
 * slices that the caller must close.
 */
public interface MessageStore extends AutoCloseable {

  /**
   * Appends a message. The future completes once the message is durable as the flush mode
   * requires; it never completes exceptionally — refusals are statuses with a reason.
   */
  CompletableFuture<AppendResult> append(AppendMessage message);

  /** Appends messages of one topic and queue atomically, with consecutive queue offsets. */
  CompletableFuture<AppendResult> appendBatch(List<AppendMessage> batch);

  /**
   * Reads up to {@code maxCount} messages / {@code maxBytes} bytes (the first message is always
   * returned) from {@code offset}, skipping those {@code filter} rejects.
   */
  GetResult getMessages(String topic, int queueId, long offset, int maxCount, int maxBytes,
      TagFilter filter);

  /** The whole record at a CommitLog offset, or null. Caller closes the slice. */
  SegmentSlice getByPhysicalOffset(long physicalOffset);

  /** Raw CommitLog bytes from {@code offset} within one segment (replication). Caller closes. */
  SegmentSlice readCommitLog(long offset, int maxBytes);

  /**
   * Appends raw CommitLog bytes received from a master at {@code offset} (must equal
   * {@link #commitLogMaxOffset()}); returns null on success or why the chunk was refused.
   */
  String appendReplicated(long offset, ByteBuffer data);

  /**
   * Replica only: cuts the CommitLog back to {@code offset}, which must be a record boundary, and
   * the consume queues and index with it, so that nothing points past it; later
   * {@link #appendReplicated} calls continue there. Used when a slave's log diverged from (is
   * longer than) its master's. Nothing is cut when {@code offset} is not below the log end.
   *
   * @return null on success, otherwise why nothing was cut
   */
  default String truncateReplica(long offset) {
    return "this store cannot truncate its CommitLog";
  }

  long minOffset(String topic, int queueId);

  long maxOffset(String topic, int queueId);

  /** Store time of the message at a queue offset, or -1. */
  long storeTime(String topic, int queueId, long queueOffset);

  /** Store time of the queue's oldest message, or -1. */
  long earliestStoreTime(String topic, int queueId);

  /** First queue offset stored at or after {@code timestamp} (max offset if none). */
  long offsetForTimestamp(String topic, int queueId, long timestamp);

  /** CommitLog offsets of messages with this key (or unique key) stored in [begin, end]. */
  QueryResult queryByKey(String topic, String key, int maxNum, long begin, long end);

  long commitLogMinOffset();

  long commitLogMaxOffset();

  /** CommitLog offset up to which consume queues and the index are built. */
  long dispatchedOffset();

  StoreStats stats();

  void addArrivalListener(MessageArrivalListener listener);

  /** What recovery found and did at start-up. */
  String recoveryReport();

  /** Stops every thread, flushes everything, removes the abort marker. */
  @Override
  void close();
}
