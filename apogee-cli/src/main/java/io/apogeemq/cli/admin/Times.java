package io.apogeemq.cli.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Time formats of the admin commands: mqadmin's {@code yyyy-MM-dd#HH:mm:ss:SSS} (local time) or
 * epoch milliseconds, and {@code now}. Stateless.
 */
final class Times {

  private static final DateTimeFormatter MQADMIN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'#'HH:mm:ss:SSS");
  private static final DateTimeFormatter PRINT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

  private Times() {}

  /** Epoch ms from {@code now}, a number of ms, or {@code yyyy-MM-dd#HH:mm:ss:SSS}. */
  static long parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("now")) {
      return System.currentTimeMillis();
    }
    if (t.matches("-?\\d+")) {
      return Long.parseLong(t);
    }
    try {
      return LocalDateTime.parse(t, MQADMIN).atZone(ZoneId.systemDefault()).toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time '" + text + "' is neither 'now', epoch "
          + "milliseconds nor yyyy-MM-dd#HH:mm:ss:SSS");
    }
  }

  /** A store time for humans; {@code 0} (unknown) prints as a dash. */
  static String format(long epochMillis) {
    if (epochMillis <= 0) {
      return "-";
    }
    return PRINT.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
  }
}
