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
   * Creates {@code file} of {@code size} bytes (all zero), atomically: a crash never leaves a
   * shorter file under that name. Whether blocks are reserved up front depends on the
   * implementation ({@link #reserving()}).
   *
   * @throws IOException when the file cannot be created; nothing is left behind
   */
  FileChannel create(Path file, int size) throws IOException;

  /** Opens an existing file for reading and writing. */
  FileChannel open(Path file) throws IOException;

  /** Forces {@code length} bytes of {@code map} starting at {@code from} to the device. */
  void force(MappedByteBuffer map, int from, int length) throws IOException;

  /** Fraction (0..1) of the partition holding {@code dir} that is in use. */
  double usedRatio(Path dir) throws IOException;

  /** Real files, created sparse (fast; a full disk is detected on write). */
  static StorageIo standard() {
    return StandardStorageIo.SPARSE;
  }

  /**
   * Real files whose blocks are reserved at creation by zero-filling, so a full disk shows up as a
   * failed segment creation. Costs one extra write of every segment.
   */
  static StorageIo reserving() {
    return StandardStorageIo.RESERVING;
  }
}
