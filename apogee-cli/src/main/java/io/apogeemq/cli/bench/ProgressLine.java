package io.apogeemq.cli.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Formats the once-a-second progress line, e.g.
 * {@code [   5s] send 12,345 msg/s p50 0.81 p99 3.20 ms err 0 | recv 12,001 msg/s p50 1.10 p99 4.02 ms | total 61,234 / 60,998}.
 * A side without latency samples shows {@code p50 - p99 -}. Stateless.
 */
final class ProgressLine {

  private ProgressLine() {}

  static String format(double elapsedSeconds, double intervalSeconds, LatencyStats.Interval send,
      LatencyStats.Interval recv, long sentTotal, long receivedTotal) {
    StringBuilder b = new StringBuilder(128);
    b.append(String.format(Locale.ROOT, "[%5.0fs]", elapsedSeconds));
    if (send != null) {
      side(b, "send", send, intervalSeconds);
      b.append(String.format(Locale.ROOT, " err %,d", send.errors()));
    }
    if (recv != null) {
      if (send != null) {
        b.append(" |");
      }
      side(b, "recv", recv, intervalSeconds);
    }
    b.append(" | total ");
    if (send != null) {
      b.append(String.format(Locale.ROOT, "%,d", sentTotal));
    }
    if (send != null && recv != null) {
      b.append(" / ");
    }
    if (recv != null) {
      b.append(String.format(Locale.ROOT, "%,d", receivedTotal));
    }
    return b.toString();
  }

  private static void side(StringBuilder b, String name, LatencyStats.Interval i, double seconds) {
    b.append(' ').append(name).append(String.format(Locale.ROOT, " %,.0f msg/s",
        seconds > 0 ? i.messages() / seconds : 0.0));
    Histogram h = i.latencyMicros();
    if (h.getTotalCount() == 0) {
      b.append(" p50 - p99 -");
    } else {
      b.append(String.format(Locale.ROOT, " p50 %.2f p99 %.2f ms",
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
    }
  }
}
