package io.apogeemq.store;

import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A {@link StorageIo} whose failures tests switch on: full disk, failing or slow force. */
final class FaultyStorageIo implements StorageIo {

  volatile boolean diskFull;
  volatile boolean forceFails;
  volatile long forceDelayMillis;
  volatile double usedRatio = 0.10;

  @Override
  public FileChannel create(Path file, int size) throws IOException {
    if (diskFull) {
      throw new IOException("No space left on device (injected) creating " + file);
    }
    return StorageIo.standard().create(file, size);
  }

  @Override
  public FileChannel open(Path file) throws IOException {
    return StorageIo.standard().open(file);
  }

  @Override
  public void force(MappedByteBuffer map, int from, int length) throws IOException {
    long delay = forceDelayMillis;
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (forceFails) {
      throw new IOException("Input/output error (injected force failure)");
    }
    StorageIo.standard().force(map, from, length);
  }

  @Override
  public double usedRatio(Path dir) {
    return usedRatio;
  }
}
