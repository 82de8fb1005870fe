package io.apogeemq.store.timer;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.apogeemq.store.file.Unmapper;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Append-only log of fixed-size timer entries, in segment files {@code <dir>/<20-digit start
 * position>} of {@code segmentBytes} each (a multiple of {@link #ENTRY_SIZE}, so no entry spans two
 * files and no filler is needed). Positions are byte offsets over the whole log.
 *
 * <p>Entry layout (big-endian, {@value #ENTRY_SIZE} bytes):
 *
 * <pre>
 * offset size field
 *  0     8    dueMs            delivery time, epoch ms
 *  8     8    commitLogOffset  where the message is stored
 * 16     4    size             its record size in the CommitLog, negated for a cancellation
 *                                marker ({@link TimerEntry#cancelMarker()})
 * 20     8    prevPos          previous entry of the same wheel slot, -1 = none
 * 28     8    queueOffset      offset of the message in the timer queue (enqueue progress)
 * 36     4    crc              CRC32C of bytes 0..35
 * </pre>
 *
 * <p>Appends go to a small write buffer that is written out when full, on {@link #flush()} and
 * before a read of an unwritten entry; {@link #flush()} also forces the files. Full segments are
 * read through read-only mappings, the segment being written with positional reads. {@link #open}
 * validates the tail: the log ends before the first entry whose CRC does not match (a torn write).
 *
 * <p><b>Retention</b>: {@link #deleteSegmentsDueBefore} deletes whole segments whose every entry
 * is due before a time (the caller's checkpointed delivery progress); the segment being written
 * (the last) is never deleted, so positions keep growing across restarts. The latest due time of
 * each segment is tracked on append and found by one sequential scan for segments written by an
 * earlier process.
 *
 * <p>Not thread-safe: one owner thread.
 */
public final class TimerLog implements AutoCloseable {

  public static final int ENTRY_SIZE = 40;
  private static final int BUFFER_ENTRIES = 1638;

  private final Path dir;
  private final long segmentBytes;
  private final TreeMap<Long, FileChannel> segments = new TreeMap<>();
  /** Read-only mappings of full segments, made on first read. */
  private final TreeMap<Long, MappedByteBuffer> mapped = new TreeMap<>();
  private final ByteBuffer writeBuffer = ByteBuffer.allocate(BUFFER_ENTRIES * ENTRY_SIZE);
  private final ByteBuffer readBuffer = ByteBuffer.allocate(ENTRY_SIZE);
  private final CRC32C crc = new CRC32C();
  /** Position up to which entries are in the files. */
  private long written;
  /** Position after the last appended entry. */
  private long end;
  /** Latest due time of the entries of each segment, when known (see {@link #maxDue}). */
  private final TreeMap<Long, Long> maxDue = new TreeMap<>();
  /** Segment appended to and the latest due time appended to it (kept unboxed on append). */
  private long appendSeg = -1;
  private long appendMax = Long.MIN_VALUE;

  private TimerLog(Path dir, long segmentBytes) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
  }

  /**
   * Opens (or creates) the log and finds its end: the last whole entry whose CRC matches, at or
   * before {@code knownEnd} when that is not negative (a clean shutdown's end), else scanning
   * the last segment. Anything after the end is truncated.
   */
  public static TimerLog open(Path dir, long segmentBytes, long knownEnd) throws IOException {
    if (segmentBytes <= 0 || segmentBytes % ENTRY_SIZE != 0) {
      throw new IllegalArgumentException("timer log segment size " + segmentBytes
          + " is not a positive multiple of " + ENTRY_SIZE);
    }
    Files.createDirectories(dir);
    TimerLog log = new TimerLog(dir, segmentBytes);
    try {
      log.load(knownEnd);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
    return log;
  }

  private void load(long knownEnd) throws IOException {
    List<Long> starts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}"))
          .forEach(n -> starts.add(Long.parseLong(n)));
    }
    starts.sort(null);
    for (long s : starts) {
      segments.put(s, FileChannel.open(segmentPath(s), StandardOpenOption.READ,
          StandardOpenOption.WRITE));
    }
    if (segments.isEmpty()) {
      end = 0;
    } else {
      long last = segments.lastKey();
      long size = segments.get(last).size();
      long candidate = last + Math.min(size, segmentBytes) / ENTRY_SIZE * ENTRY_SIZE;
      if (knownEnd >= 0 && knownEnd <= candidate) {
        candidate = knownEnd;
      } else {
        long p = last;
        while (p < candidate && readAt(p) != null) {
          p += ENTRY_SIZE;
        }
        candidate = p;
      }
      end = candidate;
    }
    written = end;
    truncateAfter(end);
    if (!segments.isEmpty()) {
      // Appends continue in the last segment: its latest due time must cover what is already in it.
      scanMaxDue(segments.lastKey());
    }
  }

  private void truncateAfter(long pos) throws IOException {
    while (!segments.isEmpty() && segments.lastKey() > pos
        || !segments.isEmpty() && segments.lastKey() == pos && pos > 0) {
      long s = segments.lastKey();
      segments.remove(s).close();
      Files.deleteIfExists(segmentPath(s));
    }
    if (!segments.isEmpty()) {
      long s = segments.lastKey();
      FileChannel ch = segments.get(s);
      if (ch.size() > pos - s) {
        ch.truncate(pos - s);
      }
    }
  }

  private Path segmentPath(long start) {
    return dir.resolve(String.format("%020d", start));
  }

  /** Position after the last entry. */
  public long end() {
    return end;
  }

  /** Position of the first entry still on disk (the end when the log is empty). */
  public long start() {
    return segments.isEmpty() ? end : segments.firstKey();
  }

  /** Number of segment files. */
  public int segmentCount() {
    return segments.size();
  }

  /**
   * Deletes every segment but the last whose entries are all due before {@code dueLimitMs}
   * (reading at most one segment whose latest due time is not yet known per call, so the call
   * stays short). Returns the number of segments deleted.
   */
  public int deleteSegmentsDueBefore(long dueLimitMs) {
    writeOut();
    publishAppendMax();
    int deleted = 0;
    int scans = 1;
    List<Long> starts = new ArrayList<>(segments.keySet());
    for (int i = 0; i < starts.size() - 1; i++) {
      long s = starts.get(i);
      Long max = maxDue.get(s);
      if (max == null) {
        if (scans-- == 0) {
          continue;
        }
        max = scanMaxDue(s);
      }
      if (max < dueLimitMs) {
        MappedByteBuffer m = mapped.remove(s);
        if (m != null) {
          Unmapper.unmap(m);
        }
        try {
          segments.remove(s).close();
          Files.deleteIfExists(segmentPath(s));
        } catch (IOException e) {
          throw new UncheckedIOException("timer log " + dir + ": cannot delete segment " + s, e);
        }
        maxDue.remove(s);
        deleted++;
      }
    }
    return deleted;
  }

  private void publishAppendMax() {
    if (appendSeg >= 0) {
      maxDue.merge(appendSeg, appendMax, Math::max);
    }
  }

  private long scanMaxDue(long segStart) {
    long[] max = {Long.MIN_VALUE};
    forEach(segStart, Math.min(end, segStart + segmentBytes), e -> max[0] = Math.max(max[0],
        e.dueMs()));
    maxDue.put(segStart, max[0]);
    return max[0];
  }

  /** Appends an entry and returns its position. */
  public long append(long dueMs, long commitLogOffset, int size, long prevPos, long queueOffset) {
    if (!writeBuffer.hasRemaining()) {
      writeOut();
    }
    int start = writeBuffer.position();
    writeBuffer.putLong(dueMs).putLong(commitLogOffset).putInt(size).putLong(prevPos)
        .putLong(queueOffset);
    crc.reset();
    crc.update(writeBuffer.array(), start, ENTRY_SIZE - 4);
    writeBuffer.putInt((int) crc.getValue());
    long pos = end;
    end += ENTRY_SIZE;
    long seg = pos - pos % segmentBytes;
    if (seg != appendSeg) {
      publishAppendMax();
      appendSeg = seg;
      appendMax = Long.MIN_VALUE;
    }
    appendMax = Math.max(appendMax, dueMs);
    return pos;
  }

  /**
   * The entry at {@code pos}.
   *
   * @throws IllegalStateException naming the position when it holds no valid entry
   */
  public TimerEntry read(long pos) {
    if (pos < 0 || pos >= end || pos % ENTRY_SIZE != 0) {
      throw new IllegalStateException("timer log " + dir + ": no entry at position " + pos
          + " (end " + end + ")");
    }
    if (pos >= written) {
      writeOut();
    }
    try {
      TimerEntry e = readAt(pos);
      if (e == null) {
        throw new IllegalStateException("timer log " + dir + ": entry at position " + pos
            + " is corrupt");
      }
      return e;
    } catch (IOException e) {
      throw new UncheckedIOException("timer log " + dir + ": cannot read position " + pos, e);
    }
  }

  private TimerEntry readAt(long pos) throws IOException {
    var seg = segments.floorEntry(pos);
    if (seg == null) {
      return null;
    }
    ByteBuffer b = readBuffer.clear();
    long at = pos - seg.getKey();
    if (seg.getKey() + segmentBytes <= written) {
      // A full segment: read through a mapping (chains are walked at random, a system call per
      // entry would cost more than the entry).
      MappedByteBuffer m = mapped.get(seg.getKey());
      if (m == null) {
        m = seg.getValue().map(FileChannel.MapMode.READ_ONLY, 0, segmentBytes);
        mapped.put(seg.getKey(), m);
      }
      m.get((int) at, b.array(), 0, ENTRY_SIZE);
    } else {
      while (b.hasRemaining()) {
        int n = seg.getValue().read(b, at + b.position());
        if (n < 0) {
          return null;
        }
      }
    }
    crc.reset();
    crc.update(b.array(), 0, ENTRY_SIZE - 4);
    if (b.getInt(ENTRY_SIZE - 4) != (int) crc.getValue()) {
      return null;
    }
    return new TimerEntry(pos, b.getLong(0), b.getLong(8), b.getInt(16), b.getLong(20),
        b.getLong(28));
  }

  private void writeOut() {
    writeBuffer.flip();
    try {
      while (writeBuffer.hasRemaining()) {
        long segStart = written - written % segmentBytes;
        FileChannel ch = segments.get(segStart);
        if (ch == null) {
          ch = FileChannel.open(segmentPath(segStart), StandardOpenOption.CREATE,
              StandardOpenOption.READ, StandardOpenOption.WRITE);
          segments.put(segStart, ch);
        }
        int room = (int) Math.min(writeBuffer.remaining(), segStart + segmentBytes - written);
        ByteBuffer part = writeBuffer.slice(writeBuffer.position(), room);
        while (part.hasRemaining()) {
          ch.write(part, written - segStart + part.position());
        }
        writeBuffer.position(writeBuffer.position() + room);
        written += room;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("timer log " + dir + ": cannot write at " + written, e);
    } finally {
      writeBuffer.clear();
    }
  }

  /** Writes out buffered entries and forces every segment written since the last flush. */
  public void flush() {
    writeOut();
    try {
      for (FileChannel ch : segments.tailMap(Math.max(0, segments.isEmpty() ? 0
          : segments.lastKey() - segmentBytes), true).values()) {
        ch.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("timer log " + dir + ": cannot force", e);
    }
  }

  /** Bytes of entries on disk (from {@link #start()} to the end). */
  public long diskBytes() {
    return end - start();
  }

  /**
   * Visits every entry from {@code from} to the end in position order (recovery rebuilds the
   * wheel with it).
   */
  public void forEach(long from, java.util.function.Consumer<TimerEntry> visitor) {
    long first = Math.max(from, segments.isEmpty() ? 0 : segments.firstKey());
    boolean whole = first == start();
    forEach(first, end, e -> {
      if (whole) {
        maxDue.merge(e.pos() - e.pos() % segmentBytes, e.dueMs(), Math::max);
      }
      visitor.accept(e);
    });
  }

  private void forEach(long from, long to, java.util.function.Consumer<TimerEntry> visitor) {
    writeOut();
    ByteBuffer chunk = ByteBuffer.allocate(BUFFER_ENTRIES * ENTRY_SIZE);
    long pos = from;
    try {
      while (pos < to) {
        var seg = segments.floorEntry(pos);
        long segEnd = Math.min(to, seg.getKey() + segmentBytes);
        chunk.clear().limit((int) Math.min(chunk.capacity(), segEnd - pos));
        while (chunk.hasRemaining()) {
          if (seg.getValue().read(chunk, pos - seg.getKey() + chunk.position()) < 0) {
            throw new IOException("segment " + seg.getKey() + " ends early");
          }
        }
        for (int i = 0; i < chunk.limit(); i += ENTRY_SIZE) {
          crc.reset();
          crc.update(chunk.array(), i, ENTRY_SIZE - 4);
          if (chunk.getInt(i + ENTRY_SIZE - 4) != (int) crc.getValue()) {
            throw new IllegalStateException("timer log " + dir + ": entry at position "
                + (pos + i) + " is corrupt");
          }
          visitor.accept(new TimerEntry(pos + i, chunk.getLong(i), chunk.getLong(i + 8),
              chunk.getInt(i + 16), chunk.getLong(i + 20), chunk.getLong(i + 28)));
        }
        pos += chunk.limit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("timer log " + dir + ": cannot scan at " + pos, e);
    }
  }

  @Override
  public void close() {
    for (MappedByteBuffer m : mapped.values()) {
      Unmapper.unmap(m);
    }
    mapped.clear();
    for (FileChannel ch : segments.values()) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing a read/write channel after flush: nothing left to lose
      }
    }
    segments.clear();
  }
}
