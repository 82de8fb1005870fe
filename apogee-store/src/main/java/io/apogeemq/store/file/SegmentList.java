package io.apogeemq.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of equally sized {@link MappedSegment}s that together form one logical byte stream
 * (storage.md §2). File N starts at {@code N × segmentSize}; the first file may start later after
 * old files were deleted.
 *
 * <p>Thread-safety: the segment list is a copy-on-write list, so readers can look segments up from
 * any thread. Structural changes ({@link #roll}, {@link #truncate}, {@link #deleteFirst}) are made
 * by the owner's single writer. When given a pre-allocation executor, the next segment is created
 * in the background right after a roll, so the writer rarely waits for zero-filling.
 */
public final class SegmentList {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentList.class);

  private final Path dir;
  private final int segmentSize;
  private final StorageIo io;
  private final Executor preallocator;
  private final List<MappedSegment> segments = new CopyOnWriteArrayList<>();
  private CompletableFuture<MappedSegment> next;
  private boolean dirCreated;

  /**
   * @param preallocator runs background creation of the next segment; null creates on demand
   */
  public SegmentList(Path dir, int segmentSize, StorageIo io, Executor preallocator) {
    this.dir = dir;
    this.segmentSize = segmentSize;
    this.io = io;
    this.preallocator = preallocator;
  }

  /**
   * Opens the existing files: sorted by name, a trailing empty file is deleted, a file of the wrong
   * size is refused.
   *
   * @throws IOException naming the offending file when a file has the wrong size
   */
  public void load() throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().matches("\\d{20}")).sorted().forEach(files::add);
    }
    deleteUnfinished(dir);
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      long len = Files.size(f);
      if (len == 0 && i == files.size() - 1) {
        LOG.warn("deleting empty trailing segment {}", f);
        Files.delete(f);
        continue;
      }
      if (len != segmentSize) {
        throw new IOException("segment " + f + " has " + len + " bytes but the configured size is "
            + segmentSize + "; refusing to load a store written with another configuration");
      }
      segments.add(MappedSegment.open(io, f, segmentSize));
    }
  }

  /** Deletes files whose creation a crash interrupted ({@code *.creating}). */
  public static void deleteUnfinished(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.getFileName().toString().endsWith(StandardStorageIo.CREATING_SUFFIX)) {
          LOG.warn("deleting {} whose creation was interrupted", p);
          Files.deleteIfExists(p);
        }
      }
    }
  }

  public List<MappedSegment> segments() {
    return segments;
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  public MappedSegment first() {
    List<MappedSegment> s = segments;
    return s.isEmpty() ? null : s.get(0);
  }

  public MappedSegment last() {
    int n = segments.size();
    if (n == 0) {
      return null;
    }
    try {
      return segments.get(n - 1);
    } catch (IndexOutOfBoundsException raced) {
      return last();
    }
  }

  public int segmentSize() {
    return segmentSize;
  }

  public Path dir() {
    return dir;
  }

  /** Offset of the first byte still stored, or 0 when empty. */
  public long minOffset() {
    for (MappedSegment s : segments) {
      if (s.isAvailable()) {
        return s.baseOffset();
      }
    }
    return 0;
  }

  /** Offset after the last written byte (what the next append gets), or 0 when empty. */
  public long maxOffset() {
    MappedSegment last = last();
    return last == null ? 0 : last.baseOffset() + last.writePosition();
  }

  /** Offset up to which everything is forced to disk. */
  public long flushedOffset() {
    long flushed = 0;
    for (MappedSegment s : segments) {
      flushed = s.baseOffset() + s.flushedPosition();
      if (s.flushedPosition() < s.size()) {
        break;
      }
    }
    return flushed;
  }

  /** The segment holding {@code offset}, or null when it is not (or no longer) stored. */
  public MappedSegment find(long offset) {
    List<MappedSegment> s = segments;
    if (s.isEmpty()) {
      return null;
    }
    MappedSegment first = s.get(0);
    int idx = (int) ((offset - first.baseOffset()) / segmentSize);
    if (offset < first.baseOffset() || idx >= s.size()) {
      return null;
    }
    MappedSegment seg = s.get(idx);
    if (offset >= seg.baseOffset() && offset < seg.baseOffset() + segmentSize) {
      return seg;
    }
    for (MappedSegment x : s) {
      if (offset >= x.baseOffset() && offset < x.baseOffset() + segmentSize) {
        return x;
      }
    }
    return null;
  }

  /**
   * The segment to append to: the last one if it has room, else a new one starting where the last
   * ends (or at {@code emptyStart} rounded down for an empty list). Single writer only.
   *
   * @throws IOException when the new file cannot be created (e.g. the disk is full)
   */
  public MappedSegment lastWritable(long emptyStart) throws IOException {
    MappedSegment last = last();
    if (last != null && !last.isFull()) {
      return last;
    }
    long start = last == null ? emptyStart - emptyStart % segmentSize
        : last.baseOffset() + segmentSize;
    return roll(start);
  }

  private MappedSegment roll(long start) throws IOException {
    MappedSegment created = null;
    if (next != null) {
      CompletableFuture<MappedSegment> pending = next;
      next = null;
      try {
        MappedSegment s = pending.get();
        if (s.baseOffset() == start) {
          created = s;
        } else {
          s.destroy();
        }
      } catch (ExecutionException e) {
        LOG.warn("pre-allocation of a segment in {} failed: {}", dir, e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for a new segment in " + dir, e);
      }
    }
    if (created == null) {
      if (!dirCreated) {
        Files.createDirectories(dir);
        dirCreated = true;
      }
      created = MappedSegment.create(io, dir, start, segmentSize);
    }
    segments.add(created);
    if (preallocator != null) {
      long following = start + segmentSize;
      next = CompletableFuture.supplyAsync(() -> {
        try {
          return MappedSegment.create(io, dir, following, segmentSize);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, preallocator);
    }
    return created;
  }

  /**
   * Drops everything at or after {@code offset}: later segments are deleted, the segment holding
   * it is truncated (tail zeroed). Single writer only; used by recovery.
   */
  public void truncate(long offset) throws IOException {
    discardPreallocated();
    List<MappedSegment> drop = new ArrayList<>();
    for (MappedSegment s : segments) {
      if (s.baseOffset() >= offset) {
        drop.add(s);
      } else if (offset < s.baseOffset() + segmentSize) {
        s.truncate((int) (offset - s.baseOffset()));
      }
    }
    for (MappedSegment s : drop) {
      segments.remove(s);
      s.destroy();
    }
  }

  /** Removes and destroys the first segment (retention); never the last one. */
  public boolean deleteFirst() {
    if (segments.size() <= 1) {
      return false;
    }
    MappedSegment first = segments.remove(0);
    first.destroy();
    return true;
  }

  /** Flushes segments with dirty bytes; returns the flushed offset. */
  public long flush(int leastPages) throws IOException {
    for (MappedSegment s : segments) {
      if (s.flushedPosition() < s.writePosition()) {
        s.flush(leastPages);
      }
    }
    return flushedOffset();
  }

  /** Removes and destroys every segment (e.g. an orphaned queue). */
  public void destroyAll() {
    discardPreallocated();
    for (MappedSegment s : segments) {
      s.destroy();
    }
    segments.clear();
  }

  /** Flushes and closes every segment without deleting (shutdown). */
  public void close() {
    discardPreallocated();
    for (MappedSegment s : segments) {
      s.close();
    }
  }

  private void discardPreallocated() {
    if (next != null) {
      CompletableFuture<MappedSegment> pending = next;
      next = null;
      try {
        pending.get().destroy();
      } catch (ExecutionException e) {
        LOG.debug("discarded failed pre-allocation in {}", dir);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
