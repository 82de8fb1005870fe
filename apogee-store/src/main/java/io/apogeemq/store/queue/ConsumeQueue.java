package io.apogeemq.store.queue;

import io.apogeemq.store.file.MappedSegment;
import io.apogeemq.store.file.SegmentList;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logical queue of one (topic, queueId): fixed 20-byte {@link ConsumeQueueUnit}s in segment
 * files under {@code consumequeue/<topic>/<queueId>/}, named by byte offset. Queue offset q lives at
 * byte {@code q × 20} of the stream.
 *
 * <p>Thread-safety: one writer (the dispatch thread, or recovery before it starts) calls
 * {@link #put}, {@link #recover}, {@link #truncateAfter} and {@link #deleteExpired}; any thread may
 * read. Readers see entries below the published write position of each segment.
 */
public final class ConsumeQueue {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueue.class);

  private final String topic;
  private final int queueId;
  private final SegmentList segments;
  private final ByteBuffer unit = ByteBuffer.allocate(ConsumeQueueUnit.SIZE);
  private volatile long maxPhysicalOffset = -1;
  private volatile long minLogicalOffset;

  public ConsumeQueue(String topic, int queueId, Path dir, int segmentSize, StorageIo io) {
    this.topic = topic;
    this.queueId = queueId;
    this.segments = new SegmentList(dir, segmentSize, io, null);
  }

  public void load() throws IOException {
    segments.load();
  }

  /**
   * Appends the entry for {@code queueOffset}. Idempotent: an entry whose record end is not beyond
   * what is already indexed is skipped, so re-dispatch after recovery is harmless.
   *
   * @return true when an entry was written
   */
  public boolean put(long physicalOffset, int size, long tagsCode, long queueOffset)
      throws IOException {
    if (physicalOffset + size <= maxPhysicalOffset) {
      return false;
    }
    long expected = queueOffset * ConsumeQueueUnit.SIZE;
    boolean fresh = segments.isEmpty();
    MappedSegment seg = segments.lastWritable(expected);
    if (fresh && expected > 0 && seg.writePosition() == 0) {
      fillBefore(seg, (int) (expected - seg.baseOffset()));
      minLogicalOffset = expected;
    }
    long current = seg.baseOffset() + seg.writePosition();
    if (expected < current) {
      return false;
    }
    if (expected > current) {
      LOG.error("consume queue {}/{} has a gap: entry for queue offset {} but next slot is {};"
          + " appending at the next slot", topic, queueId, queueOffset,
          current / ConsumeQueueUnit.SIZE);
    }
    ConsumeQueueUnit.write(unit, 0, physicalOffset, size, tagsCode);
    seg.append(unit.clear());
    maxPhysicalOffset = physicalOffset + size;
    return true;
  }

  private void fillBefore(MappedSegment seg, int bytes) {
    for (int at = 0; at < bytes; at += ConsumeQueueUnit.SIZE) {
      ConsumeQueueUnit.write(unit, 0, 0, ConsumeQueueUnit.FILLER_SIZE, 0);
      seg.append(unit.clear());
    }
  }

  /** Next queue offset (one past the last entry). */
  public long maxOffset() {
    return segments.maxOffset() / ConsumeQueueUnit.SIZE;
  }

  /** First readable queue offset. */
  public long minOffset() {
    return Math.max(minLogicalOffset, segments.minOffset()) / ConsumeQueueUnit.SIZE;
  }

  /** End ({@code phyOffset + size}) of the last indexed record, or -1. */
  public long maxPhysicalOffset() {
    return maxPhysicalOffset;
  }

  /** The entry at {@code queueOffset}, or null when outside [min, max). */
  public ConsumeQueueUnit unit(long queueOffset) {
    try (SegmentSlice s = units(queueOffset, 1)) {
      return s == null ? null : ConsumeQueueUnit.read(s.buffer(), 0);
    }
  }

  /**
   * A retained view of up to {@code maxUnits} entries from {@code queueOffset}, never crossing a
   * segment end; null when none. The caller must close it.
   */
  public SegmentSlice units(long queueOffset, int maxUnits) {
    if (queueOffset < minOffset() || queueOffset >= maxOffset()) {
      return null;
    }
    long byteOffset = queueOffset * ConsumeQueueUnit.SIZE;
    MappedSegment seg = segments.find(byteOffset);
    if (seg == null || !seg.tryRetain()) {
      return null;
    }
    int pos = (int) (byteOffset - seg.baseOffset());
    int len = Math.min(maxUnits * ConsumeQueueUnit.SIZE, seg.writePosition() - pos);
    if (len <= 0) {
      seg.release();
      return null;
    }
    return new SegmentSlice(seg, seg.slice(pos, len), byteOffset);
  }

  /**
   * First queue offset whose message was stored at or after {@code timestamp} (5.x LOWER
   * boundary); {@link #maxOffset()} when every message is older.
   *
   * @param storeTimeAt store time of the record at a CommitLog offset, -1 when unreadable
   */
  public long offsetForTimestamp(long timestamp, LongUnaryOperator storeTimeAt) {
    long lo = minOffset();
    long hi = maxOffset() - 1;
    long answer = maxOffset();
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      ConsumeQueueUnit u = unit(mid);
      long t = u == null || !u.isMessage() ? -1 : storeTimeAt.applyAsLong(u.physicalOffset());
      if (t < 0 || t < timestamp) {
        lo = mid + 1;
      } else {
        answer = mid;
        hi = mid - 1;
      }
    }
    return answer;
  }

  /**
   * Finds the valid end after a restart: scans from the third-last segment, stops at the first
   * unwritten or invalid entry, truncates there (storage.md §11.1).
   *
   * @return number of entries found valid in the scanned segments
   */
  public long recover() throws IOException {
    List<MappedSegment> list = segments.segments();
    if (list.isEmpty()) {
      return 0;
    }
    int start = Math.max(0, list.size() - 3);
    long end = list.get(start).baseOffset();
    long lastEnd = -1;
    long valid = 0;
    for (int i = start; i < list.size(); i++) {
      MappedSegment seg = list.get(i);
      int pos = 0;
      for (; pos + ConsumeQueueUnit.SIZE <= seg.size(); pos += ConsumeQueueUnit.SIZE) {
        long phys = seg.getLong(pos);
        int size = seg.getInt(pos + 8);
        if (phys < 0 || size <= 0) {
          break;
        }
        if (size != ConsumeQueueUnit.FILLER_SIZE) {
          lastEnd = phys + size;
        }
        valid++;
      }
      end = seg.baseOffset() + pos;
      if (pos + ConsumeQueueUnit.SIZE <= seg.size()) {
        break;
      }
    }
    segments.truncate(end);
    maxPhysicalOffset = lastEnd;
    if (segments.first() != null && segments.first().writePosition() > 0) {
      skipLeadingFillers();
    }
    return valid;
  }

  private void skipLeadingFillers() {
    MappedSegment first = segments.first();
    int pos = 0;
    while (pos < first.writePosition() && first.getInt(pos + 8) == ConsumeQueueUnit.FILLER_SIZE) {
      pos += ConsumeQueueUnit.SIZE;
    }
    minLogicalOffset = Math.max(minLogicalOffset, first.baseOffset() + pos);
  }

  /**
   * Removes every entry that points at or past {@code commitLogOffset} (the CommitLog was cut
   * there). Returns the number of entries removed.
   */
  public long truncateAfter(long commitLogOffset) throws IOException {
    long before = maxOffset();
    long lo = minOffset();
    long hi = before - 1;
    long cut = before;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      ConsumeQueueUnit u = unit(mid);
      if (u != null && u.isMessage() && u.physicalOffset() >= commitLogOffset) {
        cut = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    if (cut < before) {
      segments.truncate(cut * ConsumeQueueUnit.SIZE);
      ConsumeQueueUnit last = cut > minOffset() ? unit(cut - 1) : null;
      maxPhysicalOffset = last == null || !last.isMessage() ? -1
          : last.physicalOffset() + last.size();
      if (cut * ConsumeQueueUnit.SIZE < minLogicalOffset) {
        minLogicalOffset = cut * ConsumeQueueUnit.SIZE;
      }
    }
    return before - cut;
  }

  /**
   * After CommitLog segments were deleted: drops whole CQ segments (never the last) whose last
   * entry points below {@code commitLogMinOffset}, then moves the min offset to the first entry
   * that still points into the CommitLog.
   */
  public void deleteExpired(long commitLogMinOffset) {
    while (segments.segments().size() > 1) {
      MappedSegment first = segments.first();
      long lastPhys = first.getLong(first.size() - ConsumeQueueUnit.SIZE);
      if (lastPhys >= commitLogMinOffset) {
        break;
      }
      segments.deleteFirst();
    }
    long lo = minOffset();
    long hi = maxOffset() - 1;
    long first = maxOffset();
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      ConsumeQueueUnit u = unit(mid);
      if (u != null && u.isMessage() && u.physicalOffset() >= commitLogMinOffset) {
        first = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    minLogicalOffset = Math.max(minLogicalOffset, first * ConsumeQueueUnit.SIZE);
  }

  public void flush(int leastPages) throws IOException {
    segments.flush(leastPages);
  }

  public void destroy() {
    segments.destroyAll();
    maxPhysicalOffset = -1;
    minLogicalOffset = 0;
  }

  public void close() {
    segments.close();
  }

  public String topic() {
    return topic;
  }

  public int queueId() {
    return queueId;
  }
}
