package io.apogeemq.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link StorageIo} on the real file system; stateless. */
final class StandardStorageIo implements StorageIo {

  static final StandardStorageIo INSTANCE = new StandardStorageIo();
  private static final int ZERO_CHUNK = 1 << 20;
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK);

  private StandardStorageIo() {}

  @Override
  public FileChannel create(Path file, int size) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long pos = 0;
      while (pos < size) {
        ByteBuffer z = ZEROS.duplicate().limit((int) Math.min(ZERO_CHUNK, size - pos));
        while (z.hasRemaining()) {
          pos += ch.write(z, pos);
        }
      }
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  @Override
  public FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  @Override
  public void force(MappedByteBuffer map, int from, int length) throws IOException {
    try {
      map.force(from, length);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public double usedRatio(Path dir) throws IOException {
    FileStore store = Files.getFileStore(dir);
    long total = store.getTotalSpace();
    return total <= 0 ? 0 : (double) (total - store.getUsableSpace()) / total;
  }
}
