package io.apogeemq.common.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes and decodes the properties string of a message (messages.md §2):
 * {@code name \u0001 value \u0002} repeated, with no escaping.
 *
 * <p>Pure functions; thread-safe.
 */
public final class MessageProperties {

  public static final char NAME_VALUE_SEPARATOR = '\u0001';
  public static final char PROPERTY_SEPARATOR = '\u0002';
  /** The record stores the byte length as int16. */
  public static final int MAX_ENCODED_BYTES = Short.MAX_VALUE;

  private MessageProperties() {}

  /**
   * Encodes a map in its iteration order; entries with a null value are skipped.
   *
   * @throws IllegalArgumentException if a name or value contains a separator character
   */
  public static String encode(Map<String, String> properties) {
    if (properties == null || properties.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(properties.size() * 24);
    for (Map.Entry<String, String> e : properties.entrySet()) {
      String value = e.getValue();
      if (value == null) {
        continue;
      }
      String name = e.getKey();
      requireNoSeparator(name, "name", name);
      requireNoSeparator(value, "value", name);
      sb.append(name).append(NAME_VALUE_SEPARATOR).append(value).append(PROPERTY_SEPARATOR);
    }
    return sb.toString();
  }

  /**
   * Decodes a properties string the way the official client does: a pair is kept only when it has
   * a non-empty name and a non-empty value; anything else is dropped silently.
   */
  public static Map<String, String> decode(String encoded) {
    Map<String, String> map = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return map;
    }
    int start = 0;
    int len = encoded.length();
    while (start < len) {
      int end = encoded.indexOf(PROPERTY_SEPARATOR, start);
      if (end < 0) {
        end = len;
      }
      int sep = encoded.indexOf(NAME_VALUE_SEPARATOR, start);
      if (sep > start && sep < end - 1) {
        map.put(encoded.substring(start, sep), encoded.substring(sep + 1, end));
      }
      start = end + 1;
    }
    return map;
  }

  /**
   * Finds one property in an encoded string without building a map; null when absent or empty.
   * Used on hot paths (dispatch reads {@code TAGS}, {@code KEYS}, {@code UNIQ_KEY}).
   */
  public static String find(String encoded, String name) {
    if (encoded == null) {
      return null;
    }
    int from = 0;
    int nameLen = name.length();
    while (true) {
      int at = encoded.indexOf(name, from);
      if (at < 0) {
        return null;
      }
      boolean startsPair = at == 0 || encoded.charAt(at - 1) == PROPERTY_SEPARATOR;
      int sep = at + nameLen;
      if (startsPair && sep < encoded.length() && encoded.charAt(sep) == NAME_VALUE_SEPARATOR) {
        int end = encoded.indexOf(PROPERTY_SEPARATOR, sep + 1);
        if (end < 0) {
          end = encoded.length();
        }
        return end > sep + 1 ? encoded.substring(sep + 1, end) : null;
      }
      from = at + 1;
    }
  }

  private static void requireNoSeparator(String s, String what, String name) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == NAME_VALUE_SEPARATOR || c == PROPERTY_SEPARATOR) {
        throw new IllegalArgumentException(
            "property " + what + " of '" + name + "' contains separator char 0x0" + (int) c);
      }
    }
  }
}
