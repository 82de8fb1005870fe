package io.apogeemq.broker.client;

import java.util.Objects;
import java.util.Set;

/**
 * One topic subscription of a consumer group, as a heartbeat or a pull carries it.
 *
 * @param expression the expression as the user gave it ({@code *} for everything)
 * @param expressionType {@code TAG} or {@code SQL92}
 * @param tags the parsed tags (empty for {@code *})
 * @param codes the tags' {@code String.hashCode()} values, as the consume queue stores them
 * @param subVersion the subscription's version (its creation time in ms on the client)
 */
public record SubscriptionData(String topic, String expression, String expressionType,
    Set<String> tags, Set<Long> codes, long subVersion) {

  public static final String TYPE_TAG = "TAG";
  public static final String TYPE_SQL92 = "SQL92";

  public SubscriptionData {
    Objects.requireNonNull(topic, "topic");
    expression = expression == null ? "*" : expression;
    expressionType = expressionType == null || expressionType.isEmpty() ? TYPE_TAG : expressionType;
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    codes = codes == null ? Set.of() : Set.copyOf(codes);
  }

  /** Whether this subscription accepts every message (no tag list). */
  public boolean matchesAll() {
    return TYPE_TAG.equals(expressionType) && tags.isEmpty();
  }

  /** Whether the two subscriptions select the same messages (versions aside). */
  public boolean sameSelection(SubscriptionData other) {
    return topic.equals(other.topic) && expression.equals(other.expression)
        && expressionType.equals(other.expressionType);
  }
}
