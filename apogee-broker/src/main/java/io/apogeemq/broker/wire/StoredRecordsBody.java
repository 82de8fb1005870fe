package io.apogeemq.broker.wire;

import io.apogeemq.store.file.SegmentSlice;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * A response body (pull, view, query) made of stored record slices without copying them: each
 * {@link SegmentSlice}'s mapped {@code ByteBuffer} becomes one component. When the buffer is
 * released (by the remoting encoder after the write, or on a failed write) the slices are closed,
 * which lets their segments be unmapped or deleted again.
 *
 * <p>Not thread-safe; owned by the response it is attached to.
 */
public final class StoredRecordsBody extends CompositeByteBuf {

  private final List<SegmentSlice> slices;

  private StoredRecordsBody(List<SegmentSlice> slices) {
    super(ByteBufAllocator.DEFAULT, true, Math.max(2, slices.size()));
    this.slices = slices;
  }

  /** Takes ownership of {@code slices}: they are closed when the returned buffer is released. */
  public static StoredRecordsBody of(List<SegmentSlice> slices) {
    StoredRecordsBody buf = new StoredRecordsBody(List.copyOf(slices));
    try {
      for (SegmentSlice s : slices) {
        buf.addComponent(true, Unpooled.wrappedBuffer(s.buffer()));
      }
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
    return buf;
  }

  @Override
  protected void deallocate() {
    try {
      super.deallocate();
    } finally {
      for (SegmentSlice s : slices) {
        s.close();
      }
    }
  }
}
