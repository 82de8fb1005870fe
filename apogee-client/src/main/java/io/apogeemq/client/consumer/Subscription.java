package io.apogeemq.client.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A topic and its tag expression ({@code *} or {@code A || B}), parsed as the official client does
 * (semantics.md §9.1): tags split on {@code ||} and trimmed, codes are {@code String.hashCode()}.
 * Immutable.
 *
 * @param version the {@code subVersion} (creation time in ms)
 */
public record Subscription(String topic, String expression, Set<String> tags, List<Integer> codes,
    long version) {

  /** Parses {@code expression}; {@code null}, empty and {@code *} mean every message. */
  public static Subscription of(String topic, String expression, long version) {
    String expr = expression == null || expression.isBlank() ? "*" : expression.trim();
    if (expr.equals("*")) {
      return new Subscription(topic, "*", Set.of(), List.of(), version);
    }
    java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>();
    for (String t : expr.split("\\|\\|")) {
      if (!t.isBlank()) {
        tags.add(t.trim());
      }
    }
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("tag expression '" + expression + "' of topic '"
          + topic + "' names no tag");
    }
    List<Integer> codes = new ArrayList<>();
    tags.forEach(t -> codes.add(t.hashCode()));
    return new Subscription(topic, expr, Set.copyOf(tags), List.copyOf(codes), version);
  }

  /** True when every message matches. */
  public boolean all() {
    return tags.isEmpty();
  }

  /** Client-side re-filter by tag string (the broker filters by hash code only). */
  public boolean matches(String tag) {
    return all() || (tag != null && tags.contains(tag));
  }
}
