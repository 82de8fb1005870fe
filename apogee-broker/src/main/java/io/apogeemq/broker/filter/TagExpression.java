package io.apogeemq.broker.filter;

import io.apogeemq.broker.client.SubscriptionData;
import io.apogeemq.common.message.TagHash;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Parses a tag subscription expression as clients write it (semantics.md §9.1): {@code *} or empty
 * selects everything; otherwise tags separated by {@code ||}, each trimmed, empty ones ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class TagExpression {

  public static final String ALL = "*";

  private TagExpression() {}

  /**
   * The subscription a pull carries in its header.
   *
   * @throws IllegalArgumentException for an expression type other than {@code TAG} (SQL92 filtering
   *     is not supported) or an expression that names no tag
   */
  public static SubscriptionData parse(String topic, String expression, String expressionType,
      long subVersion) {
    String type = expressionType == null || expressionType.isEmpty()
        ? SubscriptionData.TYPE_TAG : expressionType;
    if (!SubscriptionData.TYPE_TAG.equals(type)) {
      throw new IllegalArgumentException("expression type " + type
          + " is not supported by this broker (only TAG)");
    }
    String expr = expression == null ? "" : expression.trim();
    if (expr.isEmpty() || ALL.equals(expr)) {
      return new SubscriptionData(topic, ALL, type, Set.of(), Set.of(), subVersion);
    }
    Set<String> tags = new LinkedHashSet<>();
    Set<Long> codes = new LinkedHashSet<>();
    for (String part : expr.split("\\|\\|")) {
      String tag = part.trim();
      if (!tag.isEmpty()) {
        tags.add(tag);
        codes.add(TagHash.of(tag));
      }
    }
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("subscription expression '" + expression
          + "' names no tag");
    }
    return new SubscriptionData(topic, expression, type, tags, codes, subVersion);
  }
}
