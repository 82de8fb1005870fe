package io.apogeemq.broker.wire;

import io.apogeemq.store.file.MappedSegment;
import io.apogeemq.store.file.SegmentSlice;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A response body (pull, view, query) made of stored record slices without copying them: each run
 * of records that lie back to back in the same mapped segment (the usual case for messages sent
 * to one queue in a batch, or one after another) becomes <b>one</b> component viewing the mapped
 * bytes, every other record one component of its own. Fewer components mean fewer buffer objects
 * per pull and fewer I/O vectors in the socket write. When the buffer is
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
      int n = slices.size();
      int i = 0;
      while (i < n) {
        SegmentSlice first = slices.get(i);
        long end = first.offset() + first.buffer().remaining();
        int j = i + 1;
        for (; j < n; j++) {
          SegmentSlice next = slices.get(j);
          if (next.segment() != first.segment() || next.offset() != end) {
            break;
          }
          end += next.buffer().remaining();
        }
        buf.addComponent(true, Unpooled.wrappedBuffer(j == i + 1 ? first.buffer()
            : adjacent(first, (int) (end - first.offset()))));
        i = j;
      }
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
    return buf;
  }

  /** The mapped bytes of {@code length} from {@code first}'s start (its segment stays retained). */
  private static ByteBuffer adjacent(SegmentSlice first, int length) {
    MappedSegment segment = first.segment();
    return segment.slice((int) (first.offset() - segment.baseOffset()), length);
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
