package io.apogeemq.broker.admin;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic administration (codes.md §5.3, §5.5, §5.7): {@code UPDATE_AND_CREATE_TOPIC} (17),
 * {@code DELETE_TOPIC_IN_BROKER} (215), {@code GET_ALL_TOPIC_CONFIG} (21) and
 * {@code GET_TOPIC_CONFIG} (351). Changes go through the {@link TopicConfigRegistry}, which
 * persists topics.json and triggers re-registration with the NameServers.
 *
 * <p>Thread-safe (the registry is).
 */
public final class TopicAdminProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdminProcessor.class);

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
    Optional<String> problem = NameRules.topicProblem(topic);
    if (problem.isPresent()) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER, problem.get());
    }
    if (NameRules.isSendForbidden(topic)) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER,
          "topic " + topic + " is a reserved system topic and cannot be created or changed");
    }
    int read = h.requireInt("readQueueNums");
    int write = h.requireInt("writeQueueNums");
    int perm = h.requireInt("perm");
    String filterType = h.optionalString("topicFilterType");
    if (filterType != null && !filterType.equals("SINGLE_TAG") && !filterType.equals("MULTI_TAG")) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER, "topic " + topic
          + ": topicFilterType '" + filterType + "' is neither SINGLE_TAG nor MULTI_TAG");
    }
    if (perm < 0 || perm > 7) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER,
          "topic " + topic + ": perm " + perm + " outside 0..7");
    }
    TopicConfig config;
    try {
      config = new TopicConfig(topic, read, write, perm, filterType,
          h.optionalInt("topicSysFlag", 0), h.optionalBoolean("order", false),
          TopicAttributes.apply(existingAttributes(topic), h.optionalString("attributes")));
    } catch (IllegalArgumentException e) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER, e.getMessage());
    }
    topics.put(config);
    LOG.info("Topic {} created/updated by {}: read={} write={} perm={}", topic, context.peer(),
        read, write, perm);
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
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
