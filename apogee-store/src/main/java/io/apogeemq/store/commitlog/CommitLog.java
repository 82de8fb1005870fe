package io.apogeemq.store.commitlog;

import io.apogeemq.common.message.MessageMagic;
import io.apogeemq.common.message.RecordLayout;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.PutStatus;
import io.apogeemq.store.StoreConfig;
import io.apogeemq.store.file.MappedSegment;
import io.apogeemq.store.file.SegmentList;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only log of every message (storage.md §3): {@link MappedSegment}s named by their
 * 20-digit start offset, each holding whole records (messages.md §1) and, when the next record does
 * not fit, an end filler:
 *
 * <pre>
 * off  size  field
 *   0  4     remaining bytes of the segment (from the filler's start)
 *   4  4     BLANK magic 0xCBD43194
 *   8  ...   untouched (zeros)
 * </pre>
 *
 * <p>A record never spans two segments, and neither does a batch.
 *
 * <p>Thread-safety: appends are serialised by one lock whose critical section only assigns offsets
 * and copies pre-encoded bytes ({@link RecordEncoder} runs outside it). Reads are lock-free: they
 * retain the segment and see bytes below its published write position.
 */
public final class CommitLog {

  private final SegmentList segments;
  private final RecordEncoder encoder;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final QueueOffsetTable queueOffsets = new QueueOffsetTable();
  private final int segmentSize;
  private volatile long lastStoreTimestamp;
  private boolean closed;

  public CommitLog(StoreConfig config, StorageIo io, Clock clock, Executor preallocator) {
    this.segmentSize = config.mappedFileSizeCommitLog();
    this.segments = new SegmentList(config.storePathCommitLog(), segmentSize, io, preallocator);
    this.encoder = new RecordEncoder(config.maxMessageSize());
    this.clock = clock;
  }

  /** Opens the existing segments (positions are fixed by recovery afterwards). */
  public void load() throws IOException {
    segments.load();
  }

  /** Appends one message. Never throws for bad input or I/O trouble: see the status. */
  public AppendResult append(AppendMessage message) {
    ByteBuffer records;
    try {
      records = encoder.encode(message);
    } catch (RecordEncoder.Refused r) {
      return AppendResult.failed(r.status, r.getMessage());
    }
    return write(records, 1, message.topic(), message.queueId(), message.sysFlag());
  }

  /**
   * Appends a batch of messages of one topic and queue in one critical section; they get
   * consecutive queue offsets and land in one segment.
   */
  public AppendResult appendBatch(List<AppendMessage> batch) {
    if (batch.isEmpty()) {
      return AppendResult.failed(PutStatus.MESSAGE_ILLEGAL, "empty batch");
    }
    AppendMessage first = batch.get(0);
    for (AppendMessage m : batch) {
      if (!m.topic().equals(first.topic()) || m.queueId() != first.queueId()) {
        return AppendResult.failed(PutStatus.MESSAGE_ILLEGAL, "a batch must target one queue: "
            + first.topic() + "/" + first.queueId() + " vs " + m.topic() + "/" + m.queueId());
      }
    }
    ByteBuffer records;
    try {
      records = encoder.encode(batch);
    } catch (RecordEncoder.Refused r) {
      return AppendResult.failed(r.status, r.getMessage());
    }
    return write(records, batch.size(), first.topic(), first.queueId(), first.sysFlag());
  }

  private AppendResult write(ByteBuffer records, int count, String topic, int queueId,
      int sysFlag) {
    int total = records.remaining();
    if (total + RecordLayout.BLANK_FILLER_SIZE > segmentSize) {
      return AppendResult.failed(PutStatus.MESSAGE_ILLEGAL, total + " bytes of records for "
          + topic + "/" + queueId + " do not fit a CommitLog segment of " + segmentSize);
    }
    boolean counted = SysFlag.isDispatchedToConsumeQueue(sysFlag);
    lock.lock();
    try {
      if (closed) {
        return AppendResult.failed(PutStatus.SERVICE_NOT_AVAILABLE, "CommitLog is closed");
      }
      long now = Math.max(clock.millis(), lastStoreTimestamp);
      lastStoreTimestamp = now;
      MappedSegment seg = segments.lastWritable(segments.maxOffset());
      int pos = seg.writePosition();
      int free = segmentSize - pos;
      if (total + RecordLayout.BLANK_FILLER_SIZE > free) {
        seg.putInt(pos, free);
        seg.putInt(pos + 4, MessageMagic.BLANK);
        seg.setWritePosition(segmentSize);
        seg = segments.lastWritable(seg.baseOffset() + segmentSize);
        pos = seg.writePosition();
      }
      long phys = seg.baseOffset() + pos;
      long queueOffset = counted ? queueOffsets.next(topic, queueId) : 0;
      long[] offsets = count > 1 ? new long[count] : null;
      int at = 0;
      for (int i = 0; i < count; i++) {
        int size = records.getInt(at);
        int flags = records.getInt(at + RecordLayout.SYS_FLAG);
        records.putLong(at + RecordLayout.QUEUE_OFFSET, counted ? queueOffset + i : 0);
        records.putLong(at + RecordLayout.PHYSICAL_OFFSET, phys + at);
        records.putLong(at + RecordLayout.storeTimestampOffset(flags), now);
        if (offsets != null) {
          offsets[i] = phys + at;
        }
        at += size;
      }
      seg.append(records);
      if (counted) {
        queueOffsets.set(topic, queueId, queueOffset + count);
      }
      return new AppendResult(PutStatus.PUT_OK, phys, total, queueOffset, now, count, offsets,
          null);
    } catch (IOException e) {
      return AppendResult.failed(PutStatus.CREATE_MAPPED_FILE_FAILED,
          "cannot create a CommitLog segment in " + segments.dir() + " at offset "
              + segments.maxOffset() + ": " + e);
    } catch (InternalError e) {
      // A fault while writing through the mapping (e.g. no block left for a sparse file). The
      // write position was not advanced, so nothing stored is affected.
      return AppendResult.failed(PutStatus.SERVICE_NOT_AVAILABLE,
          "writing the CommitLog at offset " + segments.maxOffset() + " faulted (disk full?): "
              + e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends raw CommitLog bytes shipped by a master (replication): they must start exactly at this
   * log's end (an empty log also accepts any segment-aligned offset: a replica of a master whose
   * oldest segments were deleted starts there) and must not cross a segment boundary (a master
   * never ships such a chunk). The bytes
   * are copied verbatim — records, fillers, even a partial record whose rest comes with the next
   * chunk; dispatch indexes whole records as they become complete.
   *
   * @return null on success, otherwise why the bytes were refused (nothing was written)
   */
  public String appendRaw(long offset, ByteBuffer data) {
    lock.lock();
    try {
      if (closed) {
        return "CommitLog is closed";
      }
      long end = segments.maxOffset();
      if (segments.isEmpty() && offset > 0 && offset % segmentSize == 0) {
        // An empty replica starts where the master's oldest segment starts.
        end = offset;
      }
      if (offset != end) {
        return "raw append at offset " + offset + " but the CommitLog ends at " + end;
      }
      int len = data.remaining();
      if (offset % segmentSize + len > segmentSize) {
        return "raw chunk of " + len + " bytes at offset " + offset
            + " crosses a segment boundary (segment size " + segmentSize + ")";
      }
      MappedSegment seg;
      try {
        seg = segments.lastWritable(offset);
      } catch (IOException e) {
        return "cannot create a CommitLog segment at offset " + offset + ": " + e;
      }
      if (seg.baseOffset() + seg.writePosition() != offset) {
        return "segment " + seg + " does not end at offset " + offset;
      }
      try {
        seg.append(data);
      } catch (InternalError e) {
        return "writing the CommitLog at offset " + offset + " faulted (disk full?): "
            + e.getMessage();
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A retained view of {@code size} bytes at {@code offset}, or null when that range is not
   * (or no longer) readable. The caller must close the slice.
   */
  public SegmentSlice read(long offset, int size) {
    MappedSegment seg = segments.find(offset);
    if (seg == null || !seg.tryRetain()) {
      return null;
    }
    int pos = (int) (offset - seg.baseOffset());
    if (size <= 0 || pos + size > seg.writePosition()) {
      seg.release();
      return null;
    }
    return new SegmentSlice(seg, seg.slice(pos, size), offset);
  }

  /**
   * Raw bytes from {@code offset} to the end of the readable part of its segment (at most
   * {@code maxBytes}): what replication ships. Null when nothing is readable there.
   */
  public SegmentSlice readRaw(long offset, int maxBytes) {
    MappedSegment seg = segments.find(offset);
    if (seg == null || !seg.tryRetain()) {
      return null;
    }
    int pos = (int) (offset - seg.baseOffset());
    int len = Math.min(maxBytes, seg.writePosition() - pos);
    if (len <= 0) {
      seg.release();
      return null;
    }
    return new SegmentSlice(seg, seg.slice(pos, len), offset);
  }

  /** The store time of the record at {@code offset}, or -1 when it cannot be read. */
  public long storeTimestampAt(long offset) {
    MappedSegment seg = segments.find(offset);
    if (seg == null || !seg.tryRetain()) {
      return -1;
    }
    try {
      int pos = (int) (offset - seg.baseOffset());
      if (pos + RecordLayout.BORN_HOST + 28 > seg.writePosition()) {
        return -1;
      }
      int flags = seg.getInt(pos + RecordLayout.SYS_FLAG);
      return seg.getLong(pos + RecordLayout.storeTimestampOffset(flags));
    } finally {
      seg.release();
    }
  }

  /** First offset of the segment after the one holding {@code offset}. */
  public long rollNextSegment(long offset) {
    return offset + segmentSize - offset % segmentSize;
  }

  /** Sets the next queue offset of a queue (recovery). Call before appends start. */
  public void setNextQueueOffset(String topic, int queueId, long next) {
    lock.lock();
    try {
      queueOffsets.set(topic, queueId, next);
    } finally {
      lock.unlock();
    }
  }

  /** Next queue offset the queue will get. */
  public long nextQueueOffset(String topic, int queueId) {
    lock.lock();
    try {
      return queueOffsets.next(topic, queueId);
    } finally {
      lock.unlock();
    }
  }

  /** Store time given to the most recent append (0 before the first). */
  public long lastStoreTimestamp() {
    return lastStoreTimestamp;
  }

  public long minOffset() {
    return segments.minOffset();
  }

  public long maxOffset() {
    return segments.maxOffset();
  }

  public long flushedOffset() {
    return segments.flushedOffset();
  }

  public SegmentList segments() {
    return segments;
  }

  public int segmentSize() {
    return segmentSize;
  }

  /** Runs {@code action} while holding the append lock (truncation during recovery). */
  public void underAppendLock(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** Flushes and unmaps every segment; later appends are refused (never written to a closed map). */
  public void close() {
    lock.lock();
    try {
      closed = true;
      segments.close();
    } finally {
      lock.unlock();
    }
  }
}
