package io.apogeemq.store.queue;

import java.nio.ByteBuffer;

/**
 * One 20-byte ConsumeQueue entry (storage.md §4.2):
 *
 * <pre>
 * off size field
 *  0  8    CommitLog physical offset
 *  8  4    record size (TOTALSIZE); Integer.MAX_VALUE marks a pre-blank filler
 * 12  8    tags code
 * </pre>
 */
public record ConsumeQueueUnit(long physicalOffset, int size, long tagsCode) {

  public static final int SIZE = 20;
  /** Size value of the filler entries written before the first real entry of a queue. */
  public static final int FILLER_SIZE = Integer.MAX_VALUE;

  /** Reads the unit at absolute index {@code at}. */
  public static ConsumeQueueUnit read(ByteBuffer buf, int at) {
    return new ConsumeQueueUnit(buf.getLong(at), buf.getInt(at + 8), buf.getLong(at + 12));
  }

  /** Writes the unit at absolute index {@code at}. */
  public static void write(ByteBuffer buf, int at, long physicalOffset, int size, long tagsCode) {
    buf.putLong(at, physicalOffset).putInt(at + 8, size).putLong(at + 12, tagsCode);
  }

  /** A written, real entry (not zeros, not a filler). */
  public boolean isMessage() {
    return physicalOffset >= 0 && size > 0 && size != FILLER_SIZE;
  }
}
