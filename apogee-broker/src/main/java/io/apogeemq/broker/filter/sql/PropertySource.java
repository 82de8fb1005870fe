package io.apogeemq.broker.filter.sql;

import java.util.Map;

/**
 * The properties of one message, as a filter reads them. A property with an empty value counts as
 * absent (the official client drops such pairs when it decodes a message).
 *
 * <p>Implementations need not be thread-safe: a filter evaluates one message on one thread.
 */
@FunctionalInterface
public interface PropertySource {

  /**
   * The value of a property, or null when the message does not have it.
   *
   * @param name the property name
   * @param utf8Name the same name encoded as UTF-8 (for sources that scan stored bytes)
   */
  String get(String name, byte[] utf8Name);

  /** A source over a map (tests, benchmarks, admin tools). */
  static PropertySource of(Map<String, String> properties) {
    return (name, utf8) -> {
      String v = properties.get(name);
      return v == null || v.isEmpty() ? null : v;
    };
  }
}
