package io.apogeemq.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.broker.topic.TopicTable;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic administration (codes.md §5.3–§5.5, §5.7): {@code UPDATE_AND_CREATE_TOPIC} (17),
 * {@code UPDATE_AND_CREATE_TOPIC_LIST} (18),
 * {@code DELETE_TOPIC_IN_BROKER} (215), {@code GET_ALL_TOPIC_CONFIG} (21) and
 * {@code GET_TOPIC_CONFIG} (351). Changes go through the {@link TopicConfigRegistry}, which
 * persists topics.json and triggers re-registration with the NameServers.
 *
 * <p>Thread-safe (the registry is).
 */
public final class TopicAdminProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdminProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopicConfigRegistry topics;
  private final ConsumerOffsetTable offsets;

  public TopicAdminProcessor(TopicConfigRegistry topics, ConsumerOffsetTable offsets) {
    this.topics = topics;
    this.offsets = offsets;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    return switch (request.code()) {
      case RequestCode.UPDATE_AND_CREATE_TOPIC -> create(context, request);
      case RequestCode.UPDATE_AND_CREATE_TOPIC_LIST -> createList(context, request);
      case RequestCode.DELETE_TOPIC_IN_BROKER -> delete(context, request);
      case RequestCode.GET_ALL_TOPIC_CONFIG -> all();
      case RequestCode.GET_TOPIC_CONFIG -> one(request);
      default -> throw new CommandException(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
          "request code " + request.code() + " is not a topic admin request");
    };
  }

  private RemotingCommand create(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String topic = h.requireString("topic");
    TopicConfig config = validated(topic, h.requireInt("readQueueNums"),
        h.requireInt("writeQueueNums"), h.requireInt("perm"), h.optionalString("topicFilterType"),
        h.optionalInt("topicSysFlag", 0), h.optionalBoolean("order", false),
        TopicAttributesSpec.of(h.optionalString("attributes")));
    topics.put(config);
    LOG.info("Topic {} created/updated by {}: read={} write={} perm={}", topic, context.peer(),
        config.readQueueNums(), config.writeQueueNums(), config.perm());
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  /**
   * {@code UPDATE_AND_CREATE_TOPIC_LIST} (18): body {@code {"topicConfigList":[TopicConfig…]}};
   * every entry is validated before any is stored, so a bad entry changes nothing.
   */
  private RemotingCommand createList(RequestContext context, RemotingCommand request) {
    JsonNode list;
    try {
      byte[] body = request.body();
      list = body == null || body.length == 0 ? null : JSON.readTree(body).get("topicConfigList");
    } catch (IOException e) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "UPDATE_AND_CREATE_TOPIC_LIST body is not valid JSON: " + e.getMessage());
    }
    if (list == null || !list.isArray()) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "UPDATE_AND_CREATE_TOPIC_LIST needs a body {\"topicConfigList\":[...]}");
    }
    List<TopicConfig> configs = new ArrayList<>();
    for (JsonNode n : list) {
      String topic = n.path("topicName").asText("");
      Map<String, String> attrs = new LinkedHashMap<>();
      n.path("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(),
          e.getValue().asText()));
      configs.add(validated(topic, n.path("readQueueNums").asInt(16),
          n.path("writeQueueNums").asInt(16), n.path("perm").asInt(6),
          n.path("topicFilterType").asText("SINGLE_TAG"), n.path("topicSysFlag").asInt(0),
          n.path("order").asBoolean(false), old -> attrs));
    }
    for (TopicConfig c : configs) {
      topics.put(c);
    }
    LOG.info("{} topics created/updated by {}", configs.size(), context.peer());
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  /** How the new attributes follow from the existing ones. */
  @FunctionalInterface
  interface TopicAttributesSpec {
    Map<String, String> apply(Map<String, String> existing);

    static TopicAttributesSpec of(String spec) {
      return existing -> TopicAttributes.apply(existing, spec);
    }
  }

  private TopicConfig validated(String topic, int read, int write, int perm, String filterType,
      int sysFlag, boolean order, TopicAttributesSpec attributes) {
    Optional<String> problem = NameRules.topicProblem(topic);
    if (problem.isPresent()) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER, problem.get());
    }
    if (NameRules.isSystemTopic(topic) || NameRules.isSendForbidden(topic)) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER,
          "topic " + topic + " is a reserved system topic and cannot be created or changed");
    }
    if (filterType != null && !filterType.equals("SINGLE_TAG") && !filterType.equals("MULTI_TAG")) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER, "topic " + topic
          + ": topicFilterType '" + filterType + "' is neither SINGLE_TAG nor MULTI_TAG");
    }
    if (perm < 0 || perm > 7) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER,
          "topic " + topic + ": perm " + perm + " outside 0..7");
    }
    try {
      return new TopicConfig(topic, read, write, perm, filterType, sysFlag, order,
          attributes.apply(existingAttributes(topic)));
    } catch (IllegalArgumentException e) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER, e.getMessage());
    }
  }

  private Map<String, String> existingAttributes(String topic) {
    TopicConfig old = topics.get(topic);
    return old == null ? Map.of() : old.attributes();
  }

  private RemotingCommand delete(RequestContext context, RemotingCommand request) {
    String topic = HeaderReader.of(request).requireString("topic");
    if (NameRules.isSystemTopic(topic) || NameRules.isSendForbidden(topic)) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER,
          "topic " + topic + " is a system topic and cannot be deleted");
    }
    boolean existed = topics.delete(topic);
    offsets.removeTopic(topic);
    LOG.info("Topic {} deleted by {} (existed: {})", topic, context.peer(), existed);
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  private RemotingCommand all() {
    TopicTable table = topics.snapshot();
    Map<String, TopicConfig> sorted = new TreeMap<>(table.topics());
    byte[] body = AdminJson.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("dataVersion");
      g.writeNumberField("counter", table.dataVersion().counter());
      g.writeNumberField("stateVersion", 0);
      g.writeNumberField("timestamp", table.dataVersion().timestamp());
      g.writeEndObject();
      g.writeObjectFieldStart("topicConfigTable");
      for (TopicConfig t : sorted.values()) {
        g.writeFieldName(t.topicName());
        AdminJson.topicConfig(g, t);
      }
      g.writeEndObject();
      g.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }

  private RemotingCommand one(RemotingCommand request) {
    String topic = HeaderReader.of(request).requireString("topic");
    TopicConfig t = topics.get(topic);
    if (t == null) {
      throw new CommandException(ResponseCode.TOPIC_NOT_EXIST,
          "topic " + topic + " does not exist on this broker");
    }
    return RemotingCommand.response(ResponseCode.SUCCESS, null)
        .body(AdminJson.write(g -> AdminJson.topicConfig(g, t)));
  }

  /** Applies the 5.x {@code attributes} header ({@code +k=v,-k}) to the existing attributes. */
  static final class TopicAttributes {
    private TopicAttributes() {}

    static Map<String, String> apply(Map<String, String> existing, String spec) {
      Map<String, String> out = new LinkedHashMap<>(existing);
      if (spec == null || spec.isBlank()) {
        return out;
      }
      for (String item : spec.split(",")) {
        String s = item.trim();
        if (s.isEmpty()) {
          continue;
        }
        if (s.startsWith("+")) {
          int eq = s.indexOf('=');
          if (eq < 2) {
            throw new IllegalArgumentException("attribute '" + s + "' is not +key=value");
          }
          out.put(s.substring(1, eq), s.substring(eq + 1));
        } else if (s.startsWith("-")) {
          out.remove(s.substring(1));
        } else {
          throw new IllegalArgumentException("attribute '" + s + "' starts neither with + nor -");
        }
      }
      return out;
    }
  }
}
