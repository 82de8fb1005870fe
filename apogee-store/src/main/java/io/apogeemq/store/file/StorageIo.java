package io.apogeemq.store.file;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The few file-system operations the store performs that can fail for reasons outside its control
 * (full disk, failing device). Production uses {@link #standard()}; tests wrap it to inject faults.
 *
 * <p>Implementations must be thread-safe.
 */
public interface StorageIo {

  /**
   * Creates {@code file} and reserves {@code size} bytes of real disk space for it (not a sparse
   * file: a later write through a mapping must never hit a full disk).
   *
   * @throws IOException when the space cannot be reserved; the file is then removed
   */
  FileChannel create(Path file, int size) throws IOException;

  /** Opens an existing file for reading and writing. */
  FileChannel open(Path file) throws IOException;

  /** Forces {@code length} bytes of {@code map} starting at {@code from} to the device. */
  void force(MappedByteBuffer map, int from, int length) throws IOException;

  /** Fraction (0..1) of the partition holding {@code dir} that is in use. */
  double usedRatio(Path dir) throws IOException;

  static StorageIo standard() {
    return StandardStorageIo.INSTANCE;
  }
}
