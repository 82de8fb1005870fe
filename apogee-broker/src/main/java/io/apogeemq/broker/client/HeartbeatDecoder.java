package io.apogeemq.broker.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.common.name.NameRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code HeartbeatData} JSON that 4.9 and 5.x clients send (fastjson output: members in
 * any order, unknown members such as {@code heartbeatFingerprint} ignored). Missing collections read
 * as empty; a missing {@code clientID} or group name, or a body that is not JSON, is rejected with
 * an {@link IllegalArgumentException} saying what is wrong.
 *
 * <p>Stateless and thread-safe.
 */
public final class HeartbeatDecoder {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);

  private HeartbeatDecoder() {}

  public static HeartbeatData decode(byte[] body) {
    if (body == null || body.length == 0) {
      throw new IllegalArgumentException("heartbeat without body");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("heartbeat body is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("heartbeat body is not a JSON object");
    }
    String clientId = text(root, "clientID");
    if (clientId == null || clientId.isEmpty()) {
      throw new IllegalArgumentException("heartbeat body has no clientID");
    }
    List<String> producers = new ArrayList<>();
    for (JsonNode p : root.path("producerDataSet")) {
      String group = text(p, "groupName");
      if (group == null || group.isEmpty()) {
        throw new IllegalArgumentException("heartbeat of " + clientId
            + " has a producer without groupName");
      }
      requireValidGroup(clientId, group);
      producers.add(group);
    }
    List<ConsumerData> consumers = new ArrayList<>();
    for (JsonNode c : root.path("consumerDataSet")) {
      String group = text(c, "groupName");
      if (group == null || group.isEmpty()) {
        throw new IllegalArgumentException("heartbeat of " + clientId
            + " has a consumer without groupName");
      }
      requireValidGroup(clientId, group);
      List<SubscriptionData> subs = new ArrayList<>();
      for (JsonNode s : c.path("subscriptionDataSet")) {
        subs.add(subscription(clientId, group, s));
      }
      consumers.add(new ConsumerData(group, text(c, "consumeType"), text(c, "messageModel"),
          text(c, "consumeFromWhere"), subs));
    }
    return new HeartbeatData(clientId, producers, consumers);
  }

  private static SubscriptionData subscription(String clientId, String group, JsonNode s) {
    String topic = text(s, "topic");
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("heartbeat of " + clientId + " has a subscription of group "
          + group + " without topic");
    }
    Set<String> tags = new LinkedHashSet<>();
    for (JsonNode t : s.path("tagsSet")) {
      tags.add(t.asText());
    }
    Set<Long> codes = new LinkedHashSet<>();
    for (JsonNode t : s.path("codeSet")) {
      codes.add((long) t.asInt());
    }
    if (codes.isEmpty() && !tags.isEmpty()) {
      for (String tag : tags) {
        codes.add((long) tag.hashCode());
      }
    }
    return new SubscriptionData(topic, text(s, "subString"), text(s, "expressionType"), tags, codes,
        s.path("subVersion").asLong(0));
  }

  private static void requireValidGroup(String clientId, String group) {
    NameRules.groupProblem(group).ifPresent(problem -> {
      throw new IllegalArgumentException("heartbeat of " + clientId + ": " + problem);
    });
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
