package io.apogeemq.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fixed-size file of a {@link SegmentList}, memory-mapped in full, named by the 20-digit
 * decimal offset of its first byte in the list's logical byte stream.
 *
 * <p>Positions: {@code writePosition} (bytes appended, visible to readers) and
 * {@code flushedPosition} (bytes forced to the device), both relative to the segment start.
 *
 * <p>Thread-safety: one writer at a time (the owner's append discipline — CommitLog lock or the
 * single dispatch thread); any number of readers. A reader must {@link #tryRetain()} before using
 * a slice and {@link #release()} after; {@link #destroy()} only unmaps and deletes the file when
 * the last reference is gone, so a slice is never invalidated under a reader.
 */
public final class MappedSegment {

  private static final Logger LOG = LoggerFactory.getLogger(MappedSegment.class);
  /** OS page size used for "least pages" flush thresholds. */
  public static final int PAGE_SIZE = 4096;

  private final Path file;
  private final long baseOffset;
  private final int size;
  private final StorageIo io;
  private final FileChannel channel;
  private final MappedByteBuffer map;
  private final AtomicInteger refs = new AtomicInteger(1);
  private volatile int writePosition;
  private volatile int flushedPosition;
  private volatile boolean available = true;
  private volatile boolean deleteOnRelease;
  private volatile long lastModified;

  private MappedSegment(Path file, long baseOffset, int size, StorageIo io, FileChannel channel,
      int position) throws IOException {
    this.file = file;
    this.baseOffset = baseOffset;
    this.size = size;
    this.io = io;
    this.channel = channel;
    this.map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
    this.writePosition = position;
    this.flushedPosition = position;
    this.lastModified = Files.getLastModifiedTime(file).toMillis();
  }

  /** Creates a new, zero-filled segment file in {@code dir}. */
  public static MappedSegment create(StorageIo io, Path dir, long baseOffset, int size)
      throws IOException {
    Path file = dir.resolve(fileName(baseOffset));
    FileChannel ch = io.create(file, size);
    try {
      return new MappedSegment(file, baseOffset, size, io, ch, 0);
    } catch (IOException | RuntimeException e) {
      ch.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Opens an existing segment; positions start at the end until recovery sets them. */
  public static MappedSegment open(StorageIo io, Path file, int size) throws IOException {
    long base = Long.parseLong(file.getFileName().toString());
    FileChannel ch = io.open(file);
    try {
      return new MappedSegment(file, base, size, io, ch, size);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public static String fileName(long offset) {
    return String.format("%020d", offset);
  }

  /**
   * Copies {@code src} (position to limit) to the write position and publishes it to readers.
   * Caller is the single writer and has checked that it fits.
   */
  public void append(ByteBuffer src) {
    int pos = writePosition;
    int len = src.remaining();
    map.put(pos, src, src.position(), len);
    writePosition = pos + len;
  }

  /** Writes an int at {@code pos} without moving the write position (fillers, headers). */
  public void putInt(int pos, int value) {
    map.putInt(pos, value);
  }

  /** Marks the segment full (after a filler) and publishes the new position. */
  public void setWritePosition(int position) {
    this.writePosition = position;
  }

  /**
   * Sets both positions to {@code position} and zeroes everything after it, so that stale bytes
   * of a torn tail can never be mistaken for records by a later scan. Recovery only.
   */
  public void truncate(int position) throws IOException {
    int zeroTo = size;
    byte[] zeros = new byte[64 * 1024];
    for (int i = position; i < zeroTo; i += zeros.length) {
      map.put(i, zeros, 0, Math.min(zeros.length, zeroTo - i));
    }
    if (zeroTo > position) {
      io.force(map, position, zeroTo - position);
    }
    writePosition = position;
    flushedPosition = position;
  }

  /**
   * Forces written bytes to the device when at least {@code leastPages} pages are dirty (0 means
   * any dirty byte).
   *
   * @return the flushed position after the call
   * @throws IOException when the device refuses; the flushed position is then unchanged
   */
  public int flush(int leastPages) throws IOException {
    int write = writePosition;
    int flushed = flushedPosition;
    if (write <= flushed) {
      return flushed;
    }
    if (leastPages > 0 && (write / PAGE_SIZE) - (flushed / PAGE_SIZE) < leastPages) {
      return flushed;
    }
    if (!tryRetain()) {
      return flushed;
    }
    try {
      io.force(map, flushed, write - flushed);
      flushedPosition = write;
      lastModified = System.currentTimeMillis();
      return write;
    } finally {
      release();
    }
  }

  /**
   * A view of {@code length} bytes at {@code position}. The caller must hold a reference
   * ({@link #tryRetain()}) for as long as it uses the view.
   */
  public ByteBuffer slice(int position, int length) {
    return map.slice(position, length);
  }

  /** Reads an int at {@code position} (caller holds a reference or owns the segment). */
  public int getInt(int position) {
    return map.getInt(position);
  }

  public long getLong(int position) {
    return map.getLong(position);
  }

  /** Takes a reader reference; false when the segment is being destroyed. */
  public boolean tryRetain() {
    while (true) {
      int r = refs.get();
      if (r <= 0 || !available) {
        return false;
      }
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
  }

  /** Drops a reference; the last one unmaps the file and, if destroyed, deletes it. */
  public void release() {
    if (refs.decrementAndGet() == 0) {
      Unmapper.unmap(map);
      try {
        channel.close();
        if (deleteOnRelease) {
          Files.deleteIfExists(file);
          LOG.info("deleted segment {}", file);
        }
      } catch (IOException e) {
        LOG.warn("closing segment {} failed: {}", file, e.toString());
      }
    }
  }

  /**
   * Marks the segment unavailable to new readers and drops the owner's reference; the file is
   * deleted when the last reader releases.
   */
  public void destroy() {
    if (available) {
      deleteOnRelease = true;
      available = false;
      release();
    }
  }

  /** Closes without deleting: flushes and drops the owner's reference (shutdown). */
  public void close() {
    if (available) {
      try {
        flush(0);
      } catch (IOException e) {
        LOG.warn("final flush of {} failed: {}", file, e.toString());
      }
      available = false;
      release();
    }
  }

  public boolean isAvailable() {
    return available;
  }

  public long baseOffset() {
    return baseOffset;
  }

  public int size() {
    return size;
  }

  public int writePosition() {
    return writePosition;
  }

  public int flushedPosition() {
    return flushedPosition;
  }

  public boolean isFull() {
    return writePosition >= size;
  }

  /** Time of the last flush or, for a loaded file, its modification time (retention age). */
  public long lastModified() {
    return lastModified;
  }

  public Path file() {
    return file;
  }

  /** Current number of references (owner + readers); for tests and diagnostics. */
  public int referenceCount() {
    return refs.get();
  }

  @Override
  public String toString() {
    return file + "[write=" + writePosition + ", flushed=" + flushedPosition + "]";
  }
}
