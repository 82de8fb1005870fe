package io.apogeemq.store.timer;

import io.apogeemq.store.file.Unmapper;
import java.io.IOException;
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
 * <p>Not thread-safe: one owner thread.
 */
public final class TimerWheel implements AutoCloseable {

  public static final int SLOT_SIZE = 24;

  private final Path file;
  private final int slots;
  private final FileChannel channel;
  private MappedByteBuffer map;

  private TimerWheel(Path file, int slots, FileChannel channel, MappedByteBuffer map) {
    this.file = file;
    this.slots = slots;
    this.channel = channel;
    this.map = map;
  }

  /** Opens or creates the wheel; a file of another size is an error naming both sizes. */
  public static TimerWheel open(Path file, int slots) throws IOException {
    if (slots <= 0 || (long) slots * SLOT_SIZE > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timer wheel of " + slots + " slots is out of range");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    long bytes = (long) slots * SLOT_SIZE;
    boolean existed = Files.exists(file);
    if (existed && Files.size(file) != bytes) {
      throw new IOException("timer wheel " + file + " has " + Files.size(file) + " bytes, "
          + "expected " + bytes + " (" + slots + " slots); was timerPrecisionMs or "
          + "timerMaxDelaySec changed?");
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
      TimerWheel w = new TimerWheel(file, slots, ch, map);
      if (!existed) {
        w.clear();
      }
      return w;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
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
    return map.getLong(index(timeSlot));
  }

  /** Last entry of {@code timeSlot}'s chain, or -1 when it has none. */
  public long lastPos(long timeSlot) {
    int i = index(timeSlot);
    return map.getLong(i) == timeSlot ? map.getLong(i + 8) : -1;
  }

  /** Entries in {@code timeSlot}'s chain. */
  public int count(long timeSlot) {
    int i = index(timeSlot);
    return map.getLong(i) == timeSlot ? map.getInt(i + 16) : 0;
  }

  /** Makes {@code lastPos} the head of {@code timeSlot}'s chain of {@code count} entries. */
  public void put(long timeSlot, long lastPos, int count) {
    int i = index(timeSlot);
    map.putLong(i, timeSlot).putLong(i + 8, lastPos).putInt(i + 16, count).putInt(i + 20, 0);
  }

  /** Empties every slot. */
  public void clear() {
    for (int i = 0; i < slots; i++) {
      map.putLong(i * SLOT_SIZE, Long.MIN_VALUE).putLong(i * SLOT_SIZE + 8, -1)
          .putInt(i * SLOT_SIZE + 16, 0).putInt(i * SLOT_SIZE + 20, 0);
    }
  }

  public void flush() {
    map.force();
  }

  @Override
  public void close() {
    MappedByteBuffer m = map;
    map = null;
    if (m != null) {
      m.force();
      Unmapper.unmap(m);
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // the mapping was forced above
    }
  }

  @Override
  public String toString() {
    return "TimerWheel[" + file + ", " + slots + " slots]";
  }
}
