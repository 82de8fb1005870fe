package io.apogeemq.store;

import io.apogeemq.store.commitlog.CommitLog;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.queue.ConsumeQueue;
import io.apogeemq.store.queue.ConsumeQueueUnit;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads messages of one queue from an offset: walks ConsumeQueue units, filters by tag code, and
 * returns retained CommitLog slices (storage.md §14 limits). Stateless apart from its
 * collaborators; thread-safe.
 */
final class QueueReader {

  /** Units examined per read at most (the reference scans 16000 bytes of consume queue). */
  private static final int MAX_SCAN_UNITS = 800;

  private final CommitLog commitLog;
  private final StoreConfig config;

  QueueReader(CommitLog commitLog, StoreConfig config) {
    this.commitLog = commitLog;
    this.config = config;
  }

  GetResult read(ConsumeQueue cq, long offset, int maxCount, int maxBytes, TagFilter filter) {
    if (cq == null) {
      return GetResult.empty(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
    }
    long min = cq.minOffset();
    long max = cq.maxOffset();
    if (max == 0) {
      return GetResult.empty(GetStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
    }
    if (offset == max) {
      return GetResult.empty(GetStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
    }
    if (offset > max) {
      return GetResult.empty(GetStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
    }
    if (offset < min) {
      return GetResult.empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
    }
    int count = Math.max(1, Math.min(maxCount, config.maxTransferCountOnMessageInMemory()));
    int bytesLimit = Math.min(maxBytes, config.maxTransferBytesOnMessageInMemory());
    try (SegmentSlice units = cq.units(offset, Math.max(MAX_SCAN_UNITS, count))) {
      if (units == null) {
        long perFile = config.mappedFileSizeConsumeQueue() / ConsumeQueueUnit.SIZE;
        return GetResult.empty(GetStatus.OFFSET_FOUND_NULL, offset + perFile - offset % perFile,
            min, max);
      }
      ByteBuffer buf = units.buffer();
      int n = buf.limit() / ConsumeQueueUnit.SIZE;
      List<SegmentSlice> out = new ArrayList<>(Math.min(count, 32));
      int bytes = 0;
      boolean removed = false;
      int i = 0;
      for (; i < n; i++) {
        int at = i * ConsumeQueueUnit.SIZE;
        long phys = buf.getLong(at);
        int size = buf.getInt(at + 8);
        if (size <= 0 || size == ConsumeQueueUnit.FILLER_SIZE) {
          continue;
        }
        if (!out.isEmpty() && (out.size() >= count || bytes + size > bytesLimit)) {
          break;
        }
        if (!filter.accept(buf.getLong(at + 12))) {
          continue;
        }
        SegmentSlice record = commitLog.read(phys, size);
        if (record == null) {
          removed = true;
          continue;
        }
        out.add(record);
        bytes += size;
      }
      long next = offset + i;
      if (out.isEmpty()) {
        return GetResult.empty(removed ? GetStatus.MESSAGE_WAS_REMOVING
            : GetStatus.NO_MATCHED_MESSAGE, next, min, max);
      }
      return new GetResult(GetStatus.FOUND, next, min, max, out, bytes);
    }
  }
}
