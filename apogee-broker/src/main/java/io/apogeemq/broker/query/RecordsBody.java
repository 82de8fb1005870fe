package io.apogeemq.broker.query;

import io.apogeemq.store.file.SegmentSlice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * A response body made of whole stored records, concatenated without copying: each
 * {@link SegmentSlice}'s mapped buffer is one component of a composite buffer. Releasing the
 * buffer (the remoting encoder does it after the write, or when the write fails) closes the
 * slices, so their segments may be unmapped again.
 *
 * <p>Not thread-safe; owned by the response it is attached to.
 */
final class RecordsBody extends CompositeByteBuf {

  private final List<SegmentSlice> slices;

  private RecordsBody(List<SegmentSlice> slices) {
    super(ByteBufAllocator.DEFAULT, true, Math.max(2, slices.size()));
    this.slices = slices;
  }

  /** Takes ownership of {@code slices}: closed when the returned buffer is released. */
  static ByteBuf of(List<SegmentSlice> slices) {
    RecordsBody buf = new RecordsBody(List.copyOf(slices));
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
