package io.apogeemq.common.message;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates {@code UNIQ_KEY} values in the client unique id layout (messages.md §5.2):
 *
 * <pre>
 * size      field
 * 4 | 16    host IP
 * 2         low 16 bits of the process id
 * 4         class-loader hash
 * 4         milliseconds since the start of the current month (generator's time zone)
 * 2         counter, wraps at 65536
 * </pre>
 *
 * <p>Thread-safe: the counter is atomic and the month window is an immutable snapshot swapped
 * when a month ends.
 */
public final class UniqueMessageIdGenerator {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final String prefixHex;
  private final Clock clock;
  private final ZoneId zone;
  private final AtomicInteger counter = new AtomicInteger();
  private volatile MonthWindow window;

  private record MonthWindow(long start, long next) {}

  /**
   * @param ip host address bytes (4 or 16)
   * @param pid process id (low 16 bits are used)
   * @param loaderHash class-loader hash code
   */
  public UniqueMessageIdGenerator(byte[] ip, int pid, int loaderHash, Clock clock) {
    if (ip.length != 4 && ip.length != 16) {
      throw new IllegalArgumentException("IP must have 4 or 16 bytes, got " + ip.length);
    }
    ByteBuffer prefix = ByteBuffer.allocate(ip.length + 6);
    prefix.put(ip).putShort((short) pid).putInt(loaderHash);
    this.prefixHex = HEX.formatHex(prefix.array());
    this.clock = clock;
    this.zone = clock.getZone();
    this.window = windowFor(clock.millis());
  }

  /** The next id. */
  public String next() {
    long now = clock.millis();
    MonthWindow w = window;
    if (now >= w.next || now < w.start) {
      w = windowFor(now);
      window = w;
    }
    int time = (int) (now - w.start);
    int seq = counter.getAndIncrement() & 0xFFFF;
    StringBuilder sb = new StringBuilder(prefixHex.length() + 12);
    sb.append(prefixHex).append(HEX.toHexDigits(time)).append(HEX.toHexDigits((short) seq));
    return sb.toString();
  }

  private MonthWindow windowFor(long millis) {
    LocalDate first = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), zone)
        .toLocalDate().withDayOfMonth(1);
    long start = first.atStartOfDay(zone).toInstant().toEpochMilli();
    long next = first.plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli();
    return new MonthWindow(start, next);
  }
}
