package io.apogeemq.store;

import io.apogeemq.store.file.SegmentSlice;
import java.util.List;

/**
 * Messages read from one queue: zero-copy slices of CommitLog records, in queue-offset order.
 * Close the result (or each slice) once the bytes were sent; until then the segments stay mapped.
 *
 * @param nextBeginOffset where the next read of this queue should start
 * @param messages record slices, empty unless {@link GetStatus#FOUND}
 * @param totalBytes sum of the slice sizes
 */
public record GetResult(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset,
    List<SegmentSlice> messages, int totalBytes) implements AutoCloseable {

  static GetResult empty(GetStatus status, long next, long min, long max) {
    return new GetResult(status, next, min, max, List.of(), 0);
  }

  @Override
  public void close() {
    for (SegmentSlice s : messages) {
      s.close();
    }
  }
}
