package io.apogeemq.client.producer;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * zlib compression of message bodies (semantics.md §1.1): sysflag {@code 0x1} plus the 5.x type
 * bits {@code 0x300} for ZLIB, which 4.9 receivers ignore (they assume zlib). One
 * {@link Deflater} per thread is reused.
 *
 * <p>Thread-safe.
 */
final class BodyCompressor {

  /** {@code COMPRESSED} | ZLIB type bits. */
  static final int ZLIB_SYSFLAG = 0x1 | 0x300;

  private final int level;
  private final ThreadLocal<Deflater> deflaters;

  BodyCompressor(int level) {
    this.level = level;
    this.deflaters = ThreadLocal.withInitial(() -> new Deflater(this.level));
  }

  /** The zlib stream (with header) of {@code body}. */
  byte[] compress(byte[] body) {
    Deflater deflater = deflaters.get();
    deflater.reset();
    deflater.setInput(body);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
    byte[] chunk = new byte[Math.min(64 * 1024, Math.max(256, body.length))];
    while (!deflater.finished()) {
      int n = deflater.deflate(chunk);
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }
}
