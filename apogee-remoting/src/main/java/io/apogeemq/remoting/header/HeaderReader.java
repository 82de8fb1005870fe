package io.apogeemq.remoting.header;

import io.apogeemq.remoting.protocol.RemotingCommand;
import java.util.Map;

/**
 * Typed access to a command's extFields ("custom header" fields). Values travel as text and are
 * parsed here; every failure is a {@link HeaderFieldException} naming the field and the command
 * code, so a processor never sees a half-decoded header or a {@code NullPointerException}.
 *
 * <p>Integers and longs are decimal text, booleans {@code true}/{@code false} in any case. Unknown
 * keys are ignored by design (clients add keys of their own). Not thread-safe; use one reader per
 * command.
 */
public final class HeaderReader {

  private final Map<String, String> fields;
  private final int code;

  private HeaderReader(Map<String, String> fields, int code) {
    this.fields = fields == null ? Map.of() : fields;
    this.code = code;
  }

  /** A reader over {@code command}'s extFields (absent extFields read as an empty map). */
  public static HeaderReader of(RemotingCommand command) {
    return new HeaderReader(command.extFields(), command.code());
  }

  /** The text of a required field. */
  public String requireString(String field) {
    String value = fields.get(field);
    if (value == null) {
      throw new HeaderFieldException(code, field, "is required but missing");
    }
    return value;
  }

  /** The text of an optional field, or {@code null}. */
  public String optionalString(String field) {
    return fields.get(field);
  }

  public int requireInt(String field) {
    return parseInt(field, requireString(field));
  }

  public int optionalInt(String field, int defaultValue) {
    String value = fields.get(field);
    return value == null ? defaultValue : parseInt(field, value);
  }

  /** An optional int field, or {@code null} when absent. */
  public Integer optionalInteger(String field) {
    String value = fields.get(field);
    return value == null ? null : parseInt(field, value);
  }

  public long requireLong(String field) {
    return parseLong(field, requireString(field));
  }

  public long optionalLong(String field, long defaultValue) {
    String value = fields.get(field);
    return value == null ? defaultValue : parseLong(field, value);
  }

  /** An optional long field, or {@code null} when absent. */
  public Long optionalLongValue(String field) {
    String value = fields.get(field);
    return value == null ? null : parseLong(field, value);
  }

  public boolean requireBoolean(String field) {
    return parseBoolean(field, requireString(field));
  }

  public boolean optionalBoolean(String field, boolean defaultValue) {
    String value = fields.get(field);
    return value == null ? defaultValue : parseBoolean(field, value);
  }

  private int parseInt(String field, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new HeaderFieldException(code, field, "is not an int: '" + abbreviate(value) + "'");
    }
  }

  private long parseLong(String field, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new HeaderFieldException(code, field, "is not a long: '" + abbreviate(value) + "'");
    }
  }

  private boolean parseBoolean(String field, String value) {
    String text = value.trim();
    if ("true".equalsIgnoreCase(text)) {
      return true;
    }
    if ("false".equalsIgnoreCase(text)) {
      return false;
    }
    throw new HeaderFieldException(code, field, "is not a boolean: '" + abbreviate(value) + "'");
  }

  private static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "...";
  }
}
