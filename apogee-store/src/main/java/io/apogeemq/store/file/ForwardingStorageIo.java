package io.apogeemq.store.file;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A {@link StorageIo} that delegates to the standard one; extend it to observe or alter calls. */
public class ForwardingStorageIo implements StorageIo {

  @Override
  public FileChannel create(Path file, int size) throws IOException {
    return StorageIo.standard().create(file, size);
  }

  @Override
  public FileChannel open(Path file) throws IOException {
    return StorageIo.standard().open(file);
  }

  @Override
  public void force(MappedByteBuffer map, int from, int length) throws IOException {
    StorageIo.standard().force(map, from, length);
  }

  @Override
  public double usedRatio(Path dir) throws IOException {
    return StorageIo.standard().usedRatio(dir);
  }
}
