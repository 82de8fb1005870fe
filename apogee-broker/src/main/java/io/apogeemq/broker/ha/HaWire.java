package io.apogeemq.broker.ha;

import io.netty.buffer.ByteBuf;

/**
 * The classic master/slave replication frames (storage.md §15.2), plain TCP, big-endian. Apogee
 * keeps the classic format byte for byte, so the roles and guarantees are those of the reference
 * broker.
 *
 * <p>Slave → master, <b>report</b> (8 bytes), sent on connect, whenever the slave's CommitLog grew
 * after applying received data, and as heartbeat every {@code haSendHeartbeatInterval}:
 *
 * <pre>
 * | offset | size | field                                                       |
 * |--------|------|-------------------------------------------------------------|
 * | 0      | 8    | slave's CommitLog max offset (= the next offset it needs)   |
 * </pre>
 *
 * <p>Master → slave, <b>transfer</b> (12-byte header + body), repeated:
 *
 * <pre>
 * | offset | size | field                                                       |
 * |--------|------|-------------------------------------------------------------|
 * | 0      | 8    | CommitLog offset of the body's first byte ({@code thisOffset}) |
 * | 8      | 4    | body size n (0 = heartbeat)                                  |
 * | 12     | n    | raw CommitLog bytes [thisOffset, thisOffset + n)             |
 * </pre>
 *
 * <p>A body never spans two CommitLog segments and is at most {@code haTransferBatchSize} bytes.
 *
 * <p>Pure functions on Netty buffers; thread-safe.
 */
public final class HaWire {

  /** Size of a report. */
  public static final int REPORT_SIZE = 8;
  /** Size of a transfer header. */
  public static final int TRANSFER_HEADER_SIZE = 12;

  private HaWire() {}

  /** Writes a report of {@code maxOffset}. */
  public static void writeReport(ByteBuf out, long maxOffset) {
    out.writeLong(maxOffset);
  }

  /** Writes a transfer header for {@code size} bytes at {@code offset}. */
  public static void writeTransferHeader(ByteBuf out, long offset, int size) {
    out.writeLong(offset);
    out.writeInt(size);
  }

  /**
   * Consumes every whole report in {@code in} and returns the last one (only the newest matters),
   * or -1 when {@code in} holds no whole report. A partial report stays in {@code in}.
   *
   * @throws HaProtocolException when a report is negative
   */
  public static long readLastReport(ByteBuf in) {
    long last = -1;
    while (in.readableBytes() >= REPORT_SIZE) {
      long offset = in.readLong();
      if (offset < 0) {
        throw new HaProtocolException("slave reported a negative offset " + offset);
      }
      last = offset;
    }
    return last;
  }

  /**
   * One transfer frame.
   *
   * @param offset CommitLog offset of the body's first byte
   * @param body the bytes (a retained slice of the input; the caller releases it); empty for a
   *     heartbeat
   */
  public record Transfer(long offset, ByteBuf body) {
    public boolean heartbeat() {
      return body.readableBytes() == 0;
    }
  }

  /**
   * Takes one whole transfer frame off {@code in}, or returns null (consuming nothing) when
   * {@code in} does not hold one yet.
   *
   * @throws HaProtocolException when the header is invalid (negative offset, negative size or a
   *     body larger than {@code maxBody})
   */
  public static Transfer readTransfer(ByteBuf in, int maxBody) {
    if (in.readableBytes() < TRANSFER_HEADER_SIZE) {
      return null;
    }
    int start = in.readerIndex();
    long offset = in.getLong(start);
    int size = in.getInt(start + 8);
    if (offset < 0) {
      throw new HaProtocolException("master sent a negative offset " + offset);
    }
    if (size < 0 || size > maxBody) {
      throw new HaProtocolException("master sent a body of " + size + " bytes at offset "
          + offset + " (allowed 0.." + maxBody + ")");
    }
    if (in.readableBytes() < TRANSFER_HEADER_SIZE + size) {
      return null;
    }
    in.skipBytes(TRANSFER_HEADER_SIZE);
    ByteBuf body = in.readRetainedSlice(size);
    return new Transfer(offset, body);
  }
}
