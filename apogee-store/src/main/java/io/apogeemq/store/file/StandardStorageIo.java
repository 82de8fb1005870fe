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

/**
 * {@link StorageIo} on the real file system; immutable. Either creates files sparse (like the
 * reference broker: fast, but a full disk then surfaces as a fault while writing through a
 * mapping, which the writers turn into a refused append) or reserves every block by zero-filling.
 */
final class StandardStorageIo implements StorageIo {

  static final StandardStorageIo SPARSE = new StandardStorageIo(false);
  static final StandardStorageIo RESERVING = new StandardStorageIo(true);
  private static final int ZERO_CHUNK = 1 << 20;
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK);

  private final boolean reserve;

  private StandardStorageIo(boolean reserve) {
    this.reserve = reserve;
  }

  /** Suffix of a file being created; a crash can leave one behind, loaders delete them. */
  static final String CREATING_SUFFIX = ".creating";

  /**
   * Zero-fills under a temporary name and renames when complete, so a crash in the middle never
   * leaves a short file under a segment name (which would refuse the next start-up).
   */
  @Override
  public FileChannel create(Path file, int size) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + CREATING_SUFFIX);
    Files.deleteIfExists(tmp);
    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (!reserve) {
        ch.write(ByteBuffer.allocate(1), size - 1);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return ch;
      }
      long pos = 0;
      while (pos < size) {
        ByteBuffer z = ZEROS.duplicate().limit((int) Math.min(ZERO_CHUNK, size - pos));
        while (z.hasRemaining()) {
          pos += ch.write(z, pos);
        }
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      Files.deleteIfExists(tmp);
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
