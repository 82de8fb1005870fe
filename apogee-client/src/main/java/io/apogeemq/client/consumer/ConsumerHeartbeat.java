package io.apogeemq.client.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The {@code consumerDataSet} entry a consumer group contributes to the client's heartbeat
 * (codes.md {@code HEART_BEAT}): group, consume type, message model, start position and one
 * subscription object per topic (tags and their hash codes, version, expression type TAG). The
 * one place push and pull consumers build it.
 *
 * <p>Stateless and thread-safe.
 */
final class ConsumerHeartbeat {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code consumeType} of a push consumer (the broker delivers by long polling). */
  static final String PASSIVE = "CONSUME_PASSIVELY";
  /** {@code consumeType} of a pull consumer (the application polls). */
  static final String ACTIVE = "CONSUME_ACTIVELY";

  private ConsumerHeartbeat() {}

  static ObjectNode entry(String group, String consumeType, boolean broadcasting,
      StartPosition start, Collection<Subscription> subscriptions) {
    ObjectNode c = JSON.createObjectNode();
    c.put("groupName", group);
    c.put("consumeType", consumeType);
    c.put("messageModel", broadcasting ? "BROADCASTING" : "CLUSTERING");
    c.put("consumeFromWhere", start.officialName());
    c.put("unitMode", false);
    ArrayNode subs = c.putArray("subscriptionDataSet");
    for (Subscription s : subscriptions) {
      ObjectNode n = subs.addObject();
      n.put("classFilterMode", false);
      n.put("topic", s.topic());
      n.put("subString", s.expression());
      ArrayNode tags = n.putArray("tagsSet");
      s.tags().forEach(tags::add);
      ArrayNode codes = n.putArray("codeSet");
      s.codes().forEach(codes::add);
      n.put("subVersion", s.version());
      n.put("expressionType", "TAG");
    }
    return c;
  }
}
