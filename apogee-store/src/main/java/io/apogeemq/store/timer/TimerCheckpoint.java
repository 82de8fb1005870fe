package io.apogeemq.store.timer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The timer store's progress, replaced atomically (temp file, force, rename).
 *
 * <p>Layout (big-endian, {@value #SIZE} bytes):
 *
 * <pre>
 * offset size field
 *  0     4    magic          0x41505449 ("APTI")
 *  4     4    clean          1 when written by a clean close (wheel and log end can be trusted)
 *  8     8    cursorDueMs    due time of the last delivered entry
 * 16     8    cursorPos      its timer log position (-1 none); entries ordered at or before
 *                            (cursorDueMs, cursorPos) are delivered
 * 24     8    enqueueOffset  next timer-queue offset to enqueue
 * 32     8    logEnd         timer log end at the time of writing
 * 40     4    crc            CRC32C of bytes 0..39
 * </pre>
 */
public record TimerCheckpoint(boolean clean, long cursorDueMs, long cursorPos,
    long enqueueOffset, long logEnd) {

  static final int SIZE = 44;
  private static final int MAGIC = 0x41505449;

  /** The checkpoint in {@code file}, or null when there is none. */
  static TimerCheckpoint read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, Math.min(bytes.length, SIZE - 4));
    if (bytes.length != SIZE || b.getInt(0) != MAGIC || b.getInt(SIZE - 4) != (int) crc.getValue()) {
      throw new IOException("timer checkpoint " + file + " is corrupt (" + bytes.length
          + " bytes)");
    }
    return new TimerCheckpoint(b.getInt(4) == 1, b.getLong(8), b.getLong(16), b.getLong(24),
        b.getLong(32));
  }

  void write(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.putInt(MAGIC).putInt(clean ? 1 : 0).putLong(cursorDueMs).putLong(cursorPos)
        .putLong(enqueueOffset).putLong(logEnd);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, SIZE - 4);
    b.putInt((int) crc.getValue()).flip();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
