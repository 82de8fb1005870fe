package io.apogeemq.store.checkpoint;

import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code checkpoint} file (storage.md §7), 4096 bytes, memory-mapped and rewritten in place:
 *
 * <pre>
 * off size field
 *  0  8    physicMsgTimestamp  store time of the last message flushed in the CommitLog
 *  8  8    logicsMsgTimestamp  store time of the last message whose CQ entry is flushed
 * 16  8    indexMsgTimestamp   end time of the last full and flushed index file
 * 24  8    masterFlushedOffset (unused, 0)
 * 32  8    confirmPhyOffset    (unused, 0)
 * </pre>
 *
 * <p>Thread-safety: setters and {@link #flush()} are synchronized; writers are the flush threads.
 */
public final class StoreCheckpoint {

  private static final int SIZE = 4096;

  private final StorageIo io;
  private final FileChannel channel;
  private final MappedByteBuffer map;

  public StoreCheckpoint(Path file, StorageIo io) throws IOException {
    this.io = io;
    Files.createDirectories(file.getParent());
    this.channel = Files.exists(file) ? io.open(file) : io.create(file, SIZE);
    this.map = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
  }

  public synchronized long physicMsgTimestamp() {
    return map.getLong(0);
  }

  public synchronized long logicsMsgTimestamp() {
    return map.getLong(8);
  }

  public synchronized long indexMsgTimestamp() {
    return map.getLong(16);
  }

  public synchronized void setPhysicMsgTimestamp(long t) {
    map.putLong(0, t);
  }

  public synchronized void setLogicsMsgTimestamp(long t) {
    map.putLong(8, t);
  }

  public synchronized void setIndexMsgTimestamp(long t) {
    map.putLong(16, t);
  }

  /** {@code max(0, min(physic, logics) − 3000)}: messages before this are surely persisted. */
  public synchronized long minTimestamp() {
    return Math.max(0, Math.min(map.getLong(0), map.getLong(8)) - 3000);
  }

  public synchronized void flush() throws IOException {
    io.force(map, 0, SIZE);
  }

  public synchronized void close() {
    try {
      flush();
      channel.close();
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(StoreCheckpoint.class).warn("closing checkpoint: {}",
          e.toString());
    }
  }
}
