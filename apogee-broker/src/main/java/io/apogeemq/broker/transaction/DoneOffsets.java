package io.apogeemq.broker.transaction;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Which half-queue offsets need no more attention: origins whose transaction was committed, rolled
 * back or discarded, and offsets of copies (which are never origins themselves). A sliding bitset:
 * everything below {@link #floor()} is done, one bit per offset above it, so memory is one bit per
 * half message since the oldest unresolved one — never the messages themselves.
 *
 * <p>Resolving is two-phase so that two {@code END_TRANSACTION}s for one transaction (the
 * producer's own and a check answer, or a duplicate) cannot both act: {@link #tryClaim} admits one
 * caller, who then either {@link #complete}s (the bit is set) or {@link #abandon}s (its append
 * failed; a later request may try again). A {@link #snapshot} contains completed offsets only.
 *
 * <p>Thread-safety: every method is synchronized; each is a few array operations, never I/O.
 */
final class DoneOffsets {

  /** Larger gaps than this between the floor and an offset are refused (a corrupt offset). */
  static final long MAX_WINDOW = 1L << 31;

  private long wordBase;
  private long[] words;
  private int used;
  private final Set<Long> inFlight = new HashSet<>();

  /** Nothing done yet; offsets start at {@code floor}. */
  DoneOffsets(long floor) {
    this(floor, new long[0]);
  }

  private DoneOffsets(long floor, long[] bits) {
    this.wordBase = floor & ~63L;
    this.words = Arrays.copyOf(bits, Math.max(4, bits.length));
    this.used = bits.length;
    for (long o = wordBase; o < floor; o++) {
      set(o);
    }
    compact();
  }

  /** Restores a {@link Snapshot}. */
  static DoneOffsets restore(Snapshot s) {
    DoneOffsets d = new DoneOffsets(s.wordBase() & ~63L, s.words());
    return d;
  }

  /** The lowest offset not done; every offset below it is done. */
  synchronized long floor() {
    for (int i = 0; i < used; i++) {
      if (words[i] != -1L) {
        return wordBase + i * 64L + Long.numberOfTrailingZeros(~words[i]);
      }
    }
    return wordBase + used * 64L;
  }

  synchronized boolean isDone(long offset) {
    if (offset < wordBase) {
      return true;
    }
    long idx = (offset - wordBase) >>> 6;
    return idx < used && (words[(int) idx] & (1L << (offset & 63))) != 0;
  }

  /**
   * Admits one resolver of {@code offset}: false when it is done or another resolver holds it.
   * A true answer must be followed by {@link #complete} or {@link #abandon}.
   */
  synchronized boolean tryClaim(long offset) {
    if (isDone(offset) || inFlight.contains(offset)) {
      return false;
    }
    checkWindow(offset);
    inFlight.add(offset);
    return true;
  }

  /** The claimed resolution happened: {@code offset} is done. */
  synchronized void complete(long offset) {
    inFlight.remove(offset);
    markDone(offset);
  }

  /** The claimed resolution failed; {@code offset} stays pending. */
  synchronized void abandon(long offset) {
    inFlight.remove(offset);
  }

  /** Marks {@code offset} done (op records on replay, copies, discards). Idempotent. */
  synchronized void markDone(long offset) {
    if (offset < wordBase) {
      return;
    }
    checkWindow(offset);
    set(offset);
    compact();
  }

  /**
   * Marks every offset below {@code offset} done — half-queue entries the store no longer holds,
   * which nobody can end any more.
   */
  synchronized void markDoneBelow(long offset) {
    if (offset <= wordBase) {
      return;
    }
    long alignedEnd = offset & ~63L;
    if (alignedEnd > wordBase) {
      int drop = (int) Math.min(used, (alignedEnd - wordBase) >>> 6);
      System.arraycopy(words, drop, words, 0, used - drop);
      Arrays.fill(words, used - drop, used, 0L);
      used -= drop;
      wordBase = alignedEnd;
    }
    for (long o = wordBase; o < offset; o++) {
      set(o);
    }
    compact();
  }

  /** Number of offsets the bitset spans (for stats and tests). */
  synchronized long window() {
    return used * 64L;
  }

  /** The completed offsets, for persisting. */
  synchronized Snapshot snapshot() {
    int n = used;
    while (n > 0 && words[n - 1] == 0) {
      n--;
    }
    return new Snapshot(wordBase, Arrays.copyOf(words, n));
  }

  private void checkWindow(long offset) {
    if (offset < 0 || offset - wordBase >= MAX_WINDOW) {
      throw new IllegalArgumentException("half queue offset " + offset + " is outside the window "
          + wordBase + ".." + (wordBase + MAX_WINDOW) + " of unresolved transactions");
    }
  }

  private void set(long offset) {
    int idx = (int) ((offset - wordBase) >>> 6);
    if (idx >= words.length) {
      words = Arrays.copyOf(words, Math.max(idx + 1, words.length * 2));
    }
    if (idx >= used) {
      used = idx + 1;
    }
    words[idx] |= 1L << (offset & 63);
  }

  /** Drops leading words whose 64 offsets are all done. */
  private void compact() {
    int full = 0;
    while (full < used && words[full] == -1L) {
      full++;
    }
    if (full == 0) {
      return;
    }
    System.arraycopy(words, full, words, 0, used - full);
    Arrays.fill(words, used - full, used, 0L);
    used -= full;
    wordBase += full * 64L;
    if (words.length > 64 && used < words.length / 4) {
      words = Arrays.copyOf(words, Math.max(4, words.length / 2));
    }
  }

  /**
   * Completed offsets: everything below {@code wordBase}, and bit {@code i % 64} of
   * {@code words[i / 64]} for offset {@code wordBase + i}.
   */
  record Snapshot(long wordBase, long[] words) {}
}
