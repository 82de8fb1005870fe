package io.apogeemq.store.timer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;

/**
 * A disk-backed timer for very many pending messages: a {@link TimerLog} of fixed-size entries
 * (one per scheduled message) chained per time slot, a {@link TimerWheel} holding each slot's
 * chain head, and a {@link TimerCheckpoint} of progress. Only the entries of time slots that have
 * begun are held in heap (at most {@code maxPending}); the rest lives in the files.
 *
 * <p>Delivery order is (due ms, log position); time slots of {@code precisionMs} only decide when
 * a chain is loaded, so entries fire at their exact due millisecond, not at slot boundaries.
 * Progress is a cursor: every entry ordered at or before it was delivered. An entry added with a
 * due time before the cursor's is stored with the cursor's due time (it is due at once anyway),
 * which keeps every undelivered entry after the cursor.
 *
 * <p>Files under {@code dir}: {@code wheel}, {@code log/}, {@code checkpoint}. A clean
 * {@link #close()} records that wheel and log end can be trusted; after a crash {@link #open}
 * rebuilds the wheel from the whole log (entries are validated by CRC; a torn tail is cut), and
 * the enqueue offset is taken from the entries themselves, so no message is enqueued twice.
 * Entries delivered after the last {@link #checkpoint} are delivered again: at-least-once after
 * a crash, exactly-once across a clean close.
 *
 * <p><b>Cancellation markers</b> ({@link #addCancelMarker}) are entries due at the start of their
 * time slot that come before every other entry of that slot; the caller collects them and drops
 * the entries they cancel. They never move the cursor, so a restart in the middle of a slot
 * hands them out again before the rest of the slot.
 *
 * <p><b>Retention</b>: each {@link #checkpoint} deletes the timer log segments whose entries are
 * all due before the time slot of the checkpointed cursor (delivered, and not needed to reload
 * the cursor's slot after a restart).
 *
 * <p>Not thread-safe: one owner thread (apart from {@link #open}/{@link #close()} around it).
 */
public final class TimerStore implements AutoCloseable {

  /** How far {@link #nextWakeMs} looks for a non-empty slot (an idle timer wakes this rarely). */
  private static final int LOOKAHEAD_SLOTS = 3600;
  /** Chain entries read per {@link #advance} call. */
  private static final int LOAD_BUDGET = 4096;

  private final Path dir;
  private final long precisionMs;
  private final int maxPending;
  private final TimerLog log;
  private final TimerWheel wheel;
  private final PriorityQueue<TimerEntry> pending = new PriorityQueue<>();
  private long cursorDueMs;
  private long cursorPos;
  private long enqueueOffset;
  /** Time slots before this one are loaded into {@link #pending}; this one is when loadingPos < 0. */
  private long readSlot;
  /** Next entry to read of {@link #readSlot}'s chain, -1 when it is loaded. */
  private long loadingPos = -1;
  private boolean closed;

  private TimerStore(Path dir, long precisionMs, int maxPending, TimerLog log, TimerWheel wheel,
      TimerCheckpoint cp) {
    this.dir = dir;
    this.precisionMs = precisionMs;
    this.maxPending = maxPending;
    this.log = log;
    this.wheel = wheel;
    this.cursorDueMs = cp.cursorDueMs();
    this.cursorPos = cp.cursorPos();
    this.enqueueOffset = cp.enqueueOffset();
    this.readSlot = Math.floorDiv(cursorDueMs, precisionMs) - 1;
  }

  /**
   * Opens or creates the timer store.
   *
   * @param config slot size, wheel size, log segment size, heap bound
   * @param nowMs the current time: where a new store starts its cursor
   */
  public static TimerStore open(Path dir, TimerStoreConfig config, long nowMs)
      throws IOException {
    Files.createDirectories(dir);
    Path cpFile = dir.resolve("checkpoint");
    TimerCheckpoint cp = TimerCheckpoint.read(cpFile);
    if (cp == null) {
      cp = new TimerCheckpoint(true, nowMs, -1, 0, 0);
    }
    TimerLog log = TimerLog.open(dir.resolve("log"), config.logSegmentBytes(),
        cp.clean() ? cp.logEnd() : -1);
    TimerWheel wheel;
    try {
      wheel = TimerWheel.open(dir.resolve("wheel"), config.wheelSlots());
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
    TimerStore store = new TimerStore(dir, config.precisionMs(), config.maxPending(), log, wheel,
        cp);
    try {
      if (!cp.clean() || !wheel.created() && log.end() > log.start()) {
        store.rebuildWheel();
      }
      store.checkpoint(false);
    } catch (IOException | RuntimeException e) {
      wheel.close();
      log.close();
      throw e;
    }
    return store;
  }

  private void rebuildWheel() {
    wheel.clear();
    long[] maxQueueOffset = {enqueueOffset - 1};
    log.forEach(0, e -> {
      long slot = Math.floorDiv(e.dueMs(), precisionMs);
      int count = wheel.storedTimeSlot(slot) == slot ? wheel.count(slot) : 0;
      wheel.put(slot, e.pos(), count + 1);
      maxQueueOffset[0] = Math.max(maxQueueOffset[0], e.queueOffset());
    });
    enqueueOffset = maxQueueOffset[0] + 1;
  }

  /** Next timer-queue offset to enqueue. */
  public long enqueueOffset() {
    return enqueueOffset;
  }

  /** Records that queue offsets before {@code next} need no entry (skipped messages). */
  public void skipTo(long next) {
    enqueueOffset = Math.max(enqueueOffset, next);
  }

  /**
   * Schedules the message at {@code commitLogOffset} for {@code dueMs}.
   *
   * @param queueOffset its offset in the timer queue; the enqueue offset moves past it
   * @return false when the wheel slot is still taken by an undelivered chain of another time
   *     (a due time a whole wheel turn ahead of delivery): retry once delivery has caught up
   */
  public boolean add(long dueMs, long commitLogOffset, int size, long queueOffset) {
    if (size < 0) {
      throw new IllegalArgumentException("negative record size " + size + " at CommitLog offset "
          + commitLogOffset);
    }
    return append(dueMs, commitLogOffset, size, queueOffset);
  }

  /**
   * Schedules the cancellation marker stored at {@code commitLogOffset}, due at {@code dueMs}: it
   * comes out of {@link #peekDue} at the start of that time slot, before any entry of the slot.
   *
   * @return as {@link #add(long, long, int, long)}
   */
  public boolean addCancelMarker(long dueMs, long commitLogOffset, int size, long queueOffset) {
    long slotStart = Math.floorDiv(dueMs, precisionMs) * precisionMs;
    return append(slotStart, commitLogOffset, -Math.max(size, 1), queueOffset);
  }

  private boolean append(long dueMs, long commitLogOffset, int size, long queueOffset) {
    long due = Math.max(dueMs, cursorDueMs);
    long slot = Math.floorDiv(due, precisionMs);
    long stored = wheel.storedTimeSlot(slot);
    if (stored != slot && stored != Long.MIN_VALUE && stored > readSlot) {
      return false;
    }
    long prev = stored == slot ? wheel.lastPos(slot) : -1;
    int count = stored == slot ? wheel.count(slot) : 0;
    long pos = log.append(due, commitLogOffset, size, prev, queueOffset);
    wheel.put(slot, pos, count + 1);
    if (slot <= readSlot) {
      pending.add(new TimerEntry(pos, due, commitLogOffset, size, prev, queueOffset));
    }
    enqueueOffset = Math.max(enqueueOffset, queueOffset + 1);
    return true;
  }

  /**
   * The undelivered entry that comes first if it is due at {@code nowMs}, else null. Loads the
   * chains of time slots that have begun or begin next (up to {@code maxPending} entries in
   * heap).
   */
  public TimerEntry peekDue(long nowMs) {
    advance(nowMs);
    TimerEntry e = pending.peek();
    if (e == null || e.dueMs() > nowMs) {
      return null;
    }
    // While a slot's chain is half loaded, an unloaded entry of it may come before the head.
    return loadingPos >= 0 && e.dueMs() >= readSlot * precisionMs ? null : e;
  }

  /** Marks the entry returned by {@link #peekDue} as delivered. */
  public void delivered(TimerEntry e) {
    TimerEntry head = pending.poll();
    if (head != e) {
      throw new IllegalStateException("delivered " + e + " but the next entry is " + head);
    }
    if (!e.cancelMarker()) {
      cursorDueMs = e.dueMs();
      cursorPos = e.pos();
    }
  }

  /**
   * Loads chains into {@link #pending}: up to the slot after the current one (so a slot is in
   * heap before it begins), at most {@value #LOAD_BUDGET} entries per call so that loading a
   * crowded slot never holds up the deliveries due meanwhile.
   */
  private void advance(long nowMs) {
    long loadUpTo = Math.floorDiv(nowMs, precisionMs) + 1;
    int budget = LOAD_BUDGET;
    while (budget > 0) {
      if (loadingPos >= 0) {
        TimerEntry e = log.read(loadingPos);
        if (e.dueMs() > cursorDueMs || e.dueMs() == cursorDueMs && e.pos() > cursorPos
            || e.cancelMarker()) {
          pending.add(e);
        }
        loadingPos = e.prevPos();
        budget--;
      } else if (readSlot < loadUpTo && pending.size() < maxPending) {
        readSlot++;
        loadingPos = wheel.lastPos(readSlot);
      } else {
        return;
      }
    }
  }

  /**
   * When to call {@link #peekDue} next: now while a chain is being loaded, else the first loaded
   * entry's due time or one slot before the next non-empty time slot (looking up to 3600 slots
   * ahead), whichever is earlier.
   */
  public long nextWakeMs(long nowMs) {
    advance(nowMs);
    if (loadingPos >= 0) {
      return nowMs;
    }
    TimerEntry e = pending.peek();
    long nextLoad = Long.MAX_VALUE;
    if (pending.size() < maxPending) {
      // Empty slots need no wake-up: look ahead for the next slot with a chain (an add made
      // later is the caller's own call and makes it ask again). A slot is loaded one slot early.
      long s = readSlot + 1;
      long limit = s + LOOKAHEAD_SLOTS;
      while (s < limit && wheel.lastPos(s) < 0) {
        s++;
      }
      nextLoad = (s - 1) * precisionMs;
    }
    return e == null ? nextLoad : Math.min(e.dueMs(), nextLoad);
  }

  /** Entries loaded in heap. */
  public int pendingInHeap() {
    return pending.size();
  }

  /** Timer log bytes on disk (retention deletes whole segments). */
  public long logBytes() {
    return log.diskBytes();
  }

  /**
   * Flushes log and wheel and saves progress. Call only when every delivery before the cursor is
   * durable.
   */
  public void checkpoint(boolean clean) throws IOException {
    log.flush();
    wheel.flush();
    new TimerCheckpoint(clean, cursorDueMs, cursorPos, enqueueOffset, log.end())
        .write(dir.resolve("checkpoint"));
    log.deleteSegmentsDueBefore(Math.floorDiv(cursorDueMs, precisionMs) * precisionMs);
  }

  /** Timer log segment files on disk. */
  public int logSegments() {
    return log.segmentCount();
  }

  /**
   * Closes the files without a checkpoint and without writing buffered log entries: what a
   * process crash leaves behind (tests, fault injection).
   */
  void abandon() {
    closed = true;
    wheel.close();
    log.close();
  }

  /** Saves a clean checkpoint and closes the files. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      checkpoint(true);
    } catch (IOException e) {
      throw new UncheckedIOException("timer store " + dir + ": cannot save checkpoint", e);
    } finally {
      wheel.close();
      log.close();
    }
  }
}
