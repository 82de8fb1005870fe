package io.apogeemq.store.index;

import io.apogeemq.common.message.SysFlag;
import io.apogeemq.store.commitlog.ScannedRecord;
import io.apogeemq.store.file.SegmentList;
import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key index over the CommitLog: a list of {@link IndexFile}s under {@code <root>/index}, named
 * by creation time ({@code yyyyMMddHHmmssSSS}, local time), indexing each message's
 * {@code topic#UNIQ_KEY} and {@code topic#key} for every key of {@code KEYS} (storage.md §6.3).
 *
 * <p>Thread-safety: {@link #index} and the maintenance methods are called by one thread (dispatch /
 * recovery / retention, which the store serialises); {@link #query} may run on any thread.
 */
public final class IndexService {

  private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
  /** Largest result the index returns for one query. */
  public static final int MAX_QUERY_RESULTS = 64;

  private final Path dir;
  private final int slots;
  private final int maxIndexNum;
  private final StorageIo io;
  private final Clock clock;
  private final List<IndexFile> files = new CopyOnWriteArrayList<>();
  private volatile long lastCompletedFileEndTimestamp;

  public IndexService(Path storeRoot, int maxHashSlotNum, int maxIndexNum, StorageIo io,
      Clock clock) {
    this.dir = storeRoot.resolve("index");
    this.slots = maxHashSlotNum;
    this.maxIndexNum = maxIndexNum;
    this.io = io;
    this.clock = clock;
  }

  public void load() throws IOException {
    Files.createDirectories(dir);
    SegmentList.deleteUnfinished(dir);
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().matches("\\d{17}(-\\d+)?")).sorted()
          .forEach(paths::add);
    }
    for (Path p : paths) {
      files.add(IndexFile.open(io, p, slots, maxIndexNum));
    }
  }

  /** Indexes one dispatched record; already indexed records are skipped. */
  public void index(ScannedRecord r) throws IOException {
    if (SysFlag.transactionType(r.sysFlag()) == SysFlag.TRANSACTION_ROLLBACK_TYPE) {
      return;
    }
    if (r.uniqKey() == null && (r.keys() == null || r.keys().isBlank())) {
      return;
    }
    IndexFile f = writable(r);
    if (f.indexCount() > 1 && r.physicalOffset() <= f.endPhyOffset()) {
      return;
    }
    if (r.uniqKey() != null) {
      f = put(f, r, r.topic() + "#" + r.uniqKey());
    }
    if (r.keys() != null) {
      String keys = r.keys();
      int from = 0;
      while (from <= keys.length()) {
        int sp = keys.indexOf(' ', from);
        int end = sp < 0 ? keys.length() : sp;
        if (end > from) {
          f = put(f, r, r.topic() + "#" + keys.substring(from, end));
        }
        from = end + 1;
      }
    }
  }

  private IndexFile put(IndexFile f, ScannedRecord r, String key) throws IOException {
    if (f.putKey(key, r.physicalOffset(), r.storeTimestamp())) {
      return f;
    }
    IndexFile next = roll(f);
    if (!next.putKey(key, r.physicalOffset(), r.storeTimestamp())) {
      throw new IOException("fresh index file " + next.file() + " refused a key");
    }
    return next;
  }

  private IndexFile writable(ScannedRecord r) throws IOException {
    IndexFile last = files.isEmpty() ? null : files.get(files.size() - 1);
    if (last != null && !last.isFull()) {
      return last;
    }
    return roll(last);
  }

  private IndexFile roll(IndexFile full) throws IOException {
    long beginTs = full == null ? 0 : full.endTimestamp();
    long beginPhy = full == null ? 0 : full.endPhyOffset();
    String name = NAME.format(Instant.ofEpochMilli(clock.millis()).atZone(clock.getZone()));
    Path p = dir.resolve(name);
    for (int n = 1; Files.exists(p); n++) {
      p = dir.resolve(name + "-" + n);
    }
    IndexFile created = IndexFile.create(io, p, slots, maxIndexNum, beginTs, beginPhy);
    files.add(created);
    if (full != null) {
      full.flush();
      lastCompletedFileEndTimestamp = full.endTimestamp();
    }
    return created;
  }

  /**
   * Physical offsets of messages of {@code topic} with {@code key} (a key of {@code KEYS} or a
   * unique key) stored in [begin, end]. Hash collisions are possible: callers check the records.
   */
  public QueryResult query(String topic, String key, int maxNum, long begin, long end) {
    int limit = Math.max(0, Math.min(maxNum, MAX_QUERY_RESULTS));
    List<Long> out = new ArrayList<>();
    String full = topic + "#" + key;
    long lastTs = 0;
    long lastPhy = 0;
    List<IndexFile> snapshot = files;
    for (int i = snapshot.size() - 1; i >= 0 && out.size() < limit; i--) {
      IndexFile f = snapshot.get(i);
      if (i == snapshot.size() - 1) {
        lastTs = f.endTimestamp();
        lastPhy = f.endPhyOffset();
      }
      if (f.endTimestamp() >= begin && f.beginTimestamp() <= end) {
        f.query(full, begin, end, limit, out);
      }
      if (f.beginTimestamp() < begin) {
        break;
      }
    }
    return new QueryResult(out, lastTs, lastPhy);
  }

  /**
   * Drops index files that may reference CommitLog bytes at or past {@code commitLogEnd}
   * (recovery truncated the log there), newest first.
   *
   * @return the CommitLog offset from which records must be re-indexed, or {@code commitLogEnd}
   *     when nothing was dropped
   */
  public long truncateAfter(long commitLogEnd) throws IOException {
    long rebuildFrom = commitLogEnd;
    while (!files.isEmpty()) {
      IndexFile last = files.get(files.size() - 1);
      if (last.indexCount() > 1 && last.endPhyOffset() < commitLogEnd) {
        break;
      }
      if (last.indexCount() > 1) {
        rebuildFrom = Math.min(rebuildFrom, last.beginPhyOffset());
      }
      files.remove(files.size() - 1);
      LOG.warn("dropping index file {} (ends at CommitLog offset {}, log ends at {}); it will be"
          + " rebuilt", last.file(), last.endPhyOffset(), commitLogEnd);
      last.destroy();
    }
    return rebuildFrom;
  }

  /** Deletes files (never the last) whose entries all point below the CommitLog min offset. */
  public void deleteExpired(long commitLogMinOffset) throws IOException {
    while (files.size() > 1 && files.get(0).endPhyOffset() < commitLogMinOffset) {
      IndexFile f = files.remove(0);
      LOG.info("deleting expired index file {}", f.file());
      f.destroy();
    }
  }

  /** End time of the last index file that was completed and flushed (checkpoint field). */
  public long lastCompletedFileEndTimestamp() {
    return lastCompletedFileEndTimestamp;
  }

  /** Number of index files (diagnostics). */
  public int fileCount() {
    return files.size();
  }

  public void flush() throws IOException {
    for (IndexFile f : files) {
      f.flush();
    }
  }

  public void close() {
    for (IndexFile f : files) {
      f.close();
    }
  }
}
