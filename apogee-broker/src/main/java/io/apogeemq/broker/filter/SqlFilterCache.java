package io.apogeemq.broker.filter;

import io.apogeemq.broker.filter.sql.SqlFilter;
import io.apogeemq.broker.filter.sql.SqlSyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled SQL92 filter of each (consumer group, topic) subscription, so an expression is
 * compiled once per subscription and not once per pull. An entry is replaced when the group
 * subscribes the topic with another expression. Derived state only: it is rebuilt from
 * heartbeats and pulls after a restart, so nothing is persisted.
 *
 * <p>Bounded: when more than {@value #MAX_ENTRIES} subscriptions are cached the cache is emptied
 * and refills on demand (each entry costs one compilation).
 *
 * <p>Thread-safe (a concurrent map of immutable entries; two threads may compile the same
 * expression at once, which is harmless).
 */
public final class SqlFilterCache {

  static final int MAX_ENTRIES = 10_000;

  private final Map<Key, SqlFilter> filters = new ConcurrentHashMap<>();

  /**
   * The compiled filter of {@code group}'s subscription to {@code topic}.
   *
   * @throws SqlSyntaxException when the expression does not compile (nothing is cached then)
   */
  public SqlFilter filter(String group, String topic, String expression) {
    Key key = new Key(group, topic);
    SqlFilter cached = filters.get(key);
    if (cached != null && cached.expression().equals(expression)) {
      return cached;
    }
    SqlFilter compiled = SqlFilter.compile(expression);
    if (filters.size() >= MAX_ENTRIES) {
      filters.clear();
    }
    filters.put(key, compiled);
    return compiled;
  }

  /** How many subscriptions have a compiled filter (tests, runtime info). */
  public int size() {
    return filters.size();
  }

  private record Key(String group, String topic) {}
}
