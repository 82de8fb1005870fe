package io.apogeemq.store.index;

import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One key-index file (storage.md §6): a hash table of slots pointing at the newest entry of a chain
 * of entries, all memory-mapped.
 *
 * <pre>
 * header (40 bytes)
 *   0  8  beginTimestamp   store time of the first indexed message
 *   8  8  endTimestamp     store time of the last indexed message
 *  16  8  beginPhyOffset
 *  24  8  endPhyOffset
 *  32  4  hashSlotCount    non-empty slots
 *  36  4  indexCount       next entry number; starts at 1
 * slots (maxHashSlotNum × 4) at 40: newest entry number of the slot, 0 = empty
 * entries (maxIndexNum × 20) at 40 + slots × 4, entry k at + k × 20:
 *   0  4  keyHash   abs(key.hashCode()), MIN_VALUE → 0
 *   4  8  phyOffset
 *  12  4  timeDiff  (storeTimestamp − beginTimestamp) / 1000, clamped to [0, MAX_INT]
 *  16  4  previous entry number in the slot chain, 0 = end
 * </pre>
 *
 * <p>Thread-safety: all methods are synchronized; the writer is the dispatch thread, queries come
 * from request threads and are rare.
 */
final class IndexFile {

  static final int HEADER = 40;
  private static final int ENTRY = 20;

  private final Path file;
  private final int slots;
  private final int maxIndexNum;
  private final StorageIo io;
  private final FileChannel channel;
  private final MappedByteBuffer map;
  private boolean closed;

  private IndexFile(Path file, int slots, int maxIndexNum, StorageIo io, FileChannel channel)
      throws IOException {
    this.file = file;
    this.slots = slots;
    this.maxIndexNum = maxIndexNum;
    this.io = io;
    this.channel = channel;
    this.map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size(slots, maxIndexNum));
  }

  static long size(int slots, int maxIndexNum) {
    return HEADER + (long) slots * 4 + (long) maxIndexNum * ENTRY;
  }

  static IndexFile create(StorageIo io, Path file, int slots, int maxIndexNum, long beginTimestamp,
      long beginPhyOffset) throws IOException {
    long size = size(slots, maxIndexNum);
    if (size > Integer.MAX_VALUE) {
      throw new IOException("index file of " + size + " bytes is too large; lower maxIndexNum");
    }
    IndexFile f = new IndexFile(file, slots, maxIndexNum, io, io.create(file, (int) size));
    f.map.putLong(0, beginTimestamp).putLong(8, beginTimestamp);
    f.map.putLong(16, beginPhyOffset).putLong(24, beginPhyOffset);
    f.map.putInt(32, 0).putInt(36, 1);
    return f;
  }

  static IndexFile open(StorageIo io, Path file, int slots, int maxIndexNum) throws IOException {
    long expected = size(slots, maxIndexNum);
    if (Files.size(file) != expected) {
      throw new IOException("index file " + file + " has " + Files.size(file)
          + " bytes, expected " + expected + " for maxHashSlotNum " + slots + " and maxIndexNum "
          + maxIndexNum);
    }
    return new IndexFile(file, slots, maxIndexNum, io, io.open(file));
  }

  static int keyHash(String key) {
    int h = Math.abs(key.hashCode());
    return h < 0 ? 0 : h;
  }

  /** Adds a key; false when the file is full (the caller rolls a new one). */
  synchronized boolean putKey(String key, long phyOffset, long storeTimestamp) {
    int count = map.getInt(36);
    if (closed || count >= maxIndexNum) {
      return false;
    }
    int h = keyHash(key);
    int slotAt = HEADER + (h % slots) * 4;
    int prev = map.getInt(slotAt);
    if (prev <= 0 || prev > count) {
      prev = 0;
    }
    if (count <= 1) {
      map.putLong(0, storeTimestamp).putLong(16, phyOffset);
    }
    long begin = map.getLong(0);
    long diff = begin <= 0 ? 0 : (storeTimestamp - begin) / 1000;
    int timeDiff = (int) Math.max(0, Math.min(Integer.MAX_VALUE, diff));
    int entryAt = HEADER + slots * 4 + count * ENTRY;
    map.putInt(entryAt, h).putLong(entryAt + 4, phyOffset).putInt(entryAt + 12, timeDiff)
        .putInt(entryAt + 16, prev);
    map.putInt(slotAt, count);
    if (prev == 0) {
      map.putInt(32, map.getInt(32) + 1);
    }
    map.putLong(8, storeTimestamp).putLong(24, phyOffset);
    map.putInt(36, count + 1);
    return true;
  }

  /**
   * Adds to {@code out} the physical offsets of entries whose hash matches {@code key} and whose
   * time lies in [begin, end], newest first, until {@code out} holds {@code maxNum}.
   */
  synchronized void query(String key, long begin, long end, int maxNum, List<Long> out) {
    if (closed || out.size() >= maxNum) {
      return;
    }
    int h = keyHash(key);
    int count = map.getInt(36);
    int k = map.getInt(HEADER + (h % slots) * 4);
    long fileBegin = map.getLong(0);
    int guard = 0;
    while (k > 0 && k < count && out.size() < maxNum && guard++ < maxIndexNum) {
      int at = HEADER + slots * 4 + k * ENTRY;
      long t = fileBegin + (long) map.getInt(at + 12) * 1000;
      if (t < begin) {
        return;
      }
      if (map.getInt(at) == h && t <= end) {
        out.add(map.getLong(at + 4));
      }
      int prev = map.getInt(at + 16);
      if (prev >= k) {
        return;
      }
      k = prev;
    }
  }

  synchronized long beginTimestamp() {
    return map.getLong(0);
  }

  synchronized long endTimestamp() {
    return map.getLong(8);
  }

  synchronized long endPhyOffset() {
    return map.getLong(24);
  }

  synchronized long beginPhyOffset() {
    return map.getLong(16);
  }

  synchronized int indexCount() {
    return map.getInt(36);
  }

  synchronized boolean isFull() {
    return map.getInt(36) >= maxIndexNum;
  }

  synchronized void flush() throws IOException {
    if (!closed) {
      io.force(map, 0, map.capacity());
    }
  }

  Path file() {
    return file;
  }

  synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        io.force(map, 0, map.capacity());
        channel.close();
      } catch (IOException e) {
        org.slf4j.LoggerFactory.getLogger(IndexFile.class).warn("closing {} failed: {}", file,
            e.toString());
      }
    }
  }

  synchronized void destroy() throws IOException {
    closed = true;
    channel.close();
    Files.deleteIfExists(file);
  }
}
