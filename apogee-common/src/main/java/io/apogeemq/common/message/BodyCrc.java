package io.apogeemq.common.message;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** The body CRC of a record: IEEE CRC32 of the stored body bytes, masked with {@code 0x7FFFFFFF}. */
public final class BodyCrc {

  private static final int MASK = 0x7FFFFFFF;
  private static final ThreadLocal<CRC32> CRC = ThreadLocal.withInitial(CRC32::new);

  private BodyCrc() {}

  public static int of(byte[] body) {
    return of(body, 0, body.length);
  }

  public static int of(byte[] body, int offset, int length) {
    CRC32 crc = CRC.get();
    crc.reset();
    crc.update(body, offset, length);
    return (int) crc.getValue() & MASK;
  }

  /** CRC of {@code length} bytes of {@code buf} starting at absolute index {@code index}. */
  public static int of(ByteBuffer buf, int index, int length) {
    CRC32 crc = CRC.get();
    crc.reset();
    crc.update(buf.slice(index, length));
    return (int) crc.getValue() & MASK;
  }
}
