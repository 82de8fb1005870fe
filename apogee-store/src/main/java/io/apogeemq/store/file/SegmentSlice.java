package io.apogeemq.store.file;

import java.nio.ByteBuffer;

/**
 * A zero-copy view of stored bytes together with the segment reference that keeps them mapped.
 * Close it exactly once when done (e.g. after the bytes were written to a socket); until then the
 * segment is neither unmapped nor deleted.
 *
 * @param offset logical offset of the first byte of {@code buffer}
 */
public record SegmentSlice(MappedSegment segment, ByteBuffer buffer, long offset)
    implements AutoCloseable {

  @Override
  public void close() {
    segment.release();
  }
}
