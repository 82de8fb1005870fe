package io.apogeemq.store.timer;

import io.apogeemq.store.file.Unmapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A hashed timing wheel in one memory-mapped file: {@code slots} slots of {@value #SLOT_SIZE}
 * bytes; the slot of time slot {@code t} (= due ms / precision) is {@code t mod slots}. Each slot
 * heads the chain of {@link TimerLog} entries due in that time slot (linked backwards through
 * {@code prevPos}).
 *
 * <p>Slot layout (big-endian):
 *
 * <pre>
 * offset size field
 *  0     8    timeSlot   the absolute time slot the chain belongs to
 *  8     8    lastPos    last entry of the chain in the timer log
 * 16     4    count      entries in the chain
 * 20     4    reserved   0
 * </pre>
 *
 * <p>A slot whose stored {@code timeSlot} differs from the one asked for is empty for that time
 * slot (it holds an older chain). The file is written through the mapping; {@link #flush()} forces
 * it. Off-heap: the heap cost is independent of the slot count.
 *
 * <p>The file is created lazily, by the first {@link #put}: until then every slot reads as empty
 * and nothing is on disk or mapped (a broker that never sees a timer message pays no disk and no
 * resident memory for a wheel of, by default, 12 MB).
 *
 * <p>Not thread-safe: one owner thread.
 */
public final class TimerWheel implements AutoCloseable {

  public static final int SLOT_SIZE = 24;

  private final Path file;
  private final int slots;
  /** Null until the file exists (created by the first {@link #put}). */
  private FileChannel channel;
  private MappedByteBuffer map;
  private boolean closed;

  private TimerWheel(Path file, int slots) {
    this.file = file;
    this.slots = slots;
  }

  /**
   * Opens the wheel in {@code file}, or prepares to create it on the first {@link #put}; an
   * existing file of another size is an error naming both sizes.
   */
  public static TimerWheel open(Path file, int slots) throws IOException {
    if (slots <= 0 || (long) slots * SLOT_SIZE > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timer wheel of " + slots + " slots is out of range");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    long bytes = (long) slots * SLOT_SIZE;
    TimerWheel w = new TimerWheel(file, slots);
    if (Files.exists(file)) {
      if (Files.size(file) != bytes) {
        throw new IOException("timer wheel " + file + " has " + Files.size(file) + " bytes, "
            + "expected " + bytes + " (" + slots + " slots); was timerPrecisionMs or "
            + "timerMaxDelaySec changed?");
      }
      w.mapFile(false);
    }
    return w;
  }

  /** Whether the wheel file exists (something was ever scheduled). */
  public boolean created() {
    return map != null;
  }

  private void mapFile(boolean create) throws IOException {
    if (closed) {
      throw new IllegalStateException("timer wheel " + file + " is closed");
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      map = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) slots * SLOT_SIZE);
      channel = ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (create) {
      clear();
      map.force();
    }
  }

  public int slots() {
    return slots;
  }

  private int index(long timeSlot) {
    return (int) Math.floorMod(timeSlot, (long) slots) * SLOT_SIZE;
  }

  /** The stored time slot of the wheel slot that {@code timeSlot} maps to. */
  public long storedTimeSlot(long timeSlot) {
    return map == null ? Long.MIN_VALUE : map.getLong(index(timeSlot));
  }

  /** Last entry of {@code timeSlot}'s chain, or -1 when it has none. */
  public long lastPos(long timeSlot) {
    if (map == null) {
      return -1;
    }
    int i = index(timeSlot);
    return map.getLong(i) == timeSlot ? map.getLong(i + 8) : -1;
  }

  /** Entries in {@code timeSlot}'s chain. */
  public int count(long timeSlot) {
    if (map == null) {
      return 0;
    }
    int i = index(timeSlot);
    return map.getLong(i) == timeSlot ? map.getInt(i + 16) : 0;
  }

  /** Makes {@code lastPos} the head of {@code timeSlot}'s chain of {@code count} entries. */
  public void put(long timeSlot, long lastPos, int count) {
    if (map == null) {
      try {
        mapFile(true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the timer wheel " + file, e);
      }
    }
    int i = index(timeSlot);
    map.putLong(i, timeSlot).putLong(i + 8, lastPos).putInt(i + 16, count).putInt(i + 20, 0);
  }

  /** Empties every slot. */
  public void clear() {
    if (map == null) {
      return;
    }
    for (int i = 0; i < slots; i++) {
      map.putLong(i * SLOT_SIZE, Long.MIN_VALUE).putLong(i * SLOT_SIZE + 8, -1)
          .putInt(i * SLOT_SIZE + 16, 0).putInt(i * SLOT_SIZE + 20, 0);
    }
  }

  public void flush() {
    if (map != null) {
      map.force();
    }
  }

  @Override
  public void close() {
    closed = true;
    MappedByteBuffer m = map;
    map = null;
    if (m != null) {
      m.force();
      Unmapper.unmap(m);
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the mapping was forced above
      }
    }
  }

  @Override
  public String toString() {
    return "TimerWheel[" + file + ", " + slots + " slots]";
  }
}
