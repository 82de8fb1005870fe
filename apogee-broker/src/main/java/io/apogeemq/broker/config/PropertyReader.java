package io.apogeemq.broker.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to a {@code broker.conf} properties file that remembers which keys were read, so
 * the caller can warn about the rest.
 *
 * <p>Unlike RocketMQ, which silently keeps the default when a number does not parse and reads any
 * boolean other than {@code true} as false, a value that does not parse is rejected with a
 * {@link ConfigException} naming the key: a typo in a config file should stop the start, not be
 * ignored. Values are trimmed.
 *
 * <p>Not thread-safe; used once while loading.
 */
final class PropertyReader {

  private final Properties props;
  private final Set<String> read = new HashSet<>();

  PropertyReader(Properties props) {
    this.props = props;
  }

  /** The trimmed value, or null when absent. Marks the key as known. */
  String raw(String key) {
    read.add(key);
    String v = props.getProperty(key);
    return v == null ? null : v.trim();
  }

  /** Marks keys as known without reading them here (another config object reads them). */
  void markKnown(Iterable<String> keys) {
    for (String k : keys) {
      read.add(k);
    }
  }

  String string(String key, String dflt) {
    String v = raw(key);
    return v == null || v.isEmpty() ? dflt : v;
  }

  /** Like {@link #string} with a default computed only when needed (host lookups). */
  String string(String key, java.util.function.Supplier<String> dflt) {
    String v = raw(key);
    return v == null || v.isEmpty() ? dflt.get() : v;
  }

  int integer(String key, int dflt, int min, int max) {
    String v = raw(key);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("broker config key '" + key + "': '" + v + "' is not an integer");
    }
    return checkRange(key, n, min, max);
  }

  long longValue(String key, long dflt, long min, long max) {
    String v = raw(key);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("broker config key '" + key + "': '" + v + "' is not an integer");
    }
    if (n < min || n > max) {
      throw new ConfigException("broker config key '" + key + "': " + n + " is outside "
          + min + ".." + max);
    }
    return n;
  }

  boolean bool(String key, boolean dflt) {
    String v = raw(key);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals("true")) {
      return true;
    }
    if (lower.equals("false")) {
      return false;
    }
    throw new ConfigException("broker config key '" + key + "': '" + v
        + "' is not a boolean (true or false)");
  }

  /** Keys present in the file that nobody read, sorted. */
  Set<String> unknownKeys() {
    Set<String> unknown = new TreeSet<>();
    for (String k : props.stringPropertyNames()) {
      if (!read.contains(k)) {
        unknown.add(k);
      }
    }
    return unknown;
  }

  private static int checkRange(String key, int n, int min, int max) {
    if (n < min || n > max) {
      throw new ConfigException("broker config key '" + key + "': " + n + " is outside "
          + min + ".." + max);
    }
    return n;
  }
}
