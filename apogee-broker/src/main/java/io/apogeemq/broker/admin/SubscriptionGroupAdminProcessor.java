package io.apogeemq.broker.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription group administration (codes.md §5.6): {@code UPDATE_AND_CREATE_SUBSCRIPTIONGROUP}
 * (200, body = one config; members not given keep the official defaults),
 * {@code GET_ALL_SUBSCRIPTIONGROUP_CONFIG} (201), {@code DELETE_SUBSCRIPTIONGROUP} (207, also
 * dropping the group's offsets when {@code cleanOffset} / {@code removeOffset} is true) and
 * {@code GET_SUBSCRIPTIONGROUP_CONFIG} (352). 5.x-only members (retry policy, attributes, ...)
 * are accepted and not kept.
 *
 * <p>Thread-safe (the registry and the offset table are).
 */
public final class SubscriptionGroupAdminProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupAdminProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final SubscriptionGroupRegistry groups;
  private final ConsumerOffsetTable offsets;

  public SubscriptionGroupAdminProcessor(SubscriptionGroupRegistry groups,
      ConsumerOffsetTable offsets) {
    this.groups = groups;
    this.offsets = offsets;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    return switch (request.code()) {
      case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> update(context, request);
      case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> all();
      case RequestCode.DELETE_SUBSCRIPTIONGROUP -> delete(context, request);
      case RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG -> one(request);
      default -> throw new CommandException(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
          "request code " + request.code() + " is not a subscription group request");
    };
  }

  private RemotingCommand update(RequestContext context, RemotingCommand request) {
    byte[] body = request.body();
    if (body == null || body.length == 0) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "UPDATE_AND_CREATE_SUBSCRIPTIONGROUP needs a SubscriptionGroupConfig JSON body");
    }
    SubscriptionGroupConfig config = decode(body);
    Optional<String> problem = NameRules.groupProblem(config.groupName());
    if (problem.isPresent()) {
      throw new CommandException(ResponseCode.INVALID_PARAMETER, problem.get());
    }
    groups.update(config);
    LOG.info("Subscription group {} created/updated by {}", config.groupName(), context.peer());
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  /** Decodes an admin's config JSON over the defaults of its group name. */
  static SubscriptionGroupConfig decode(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (!(node instanceof ObjectNode given) || !given.path("groupName").isTextual()
          || given.path("groupName").asText().isEmpty()) {
        throw new CommandException(ResponseCode.SYSTEM_ERROR,
            "subscription group body is not a JSON object with a groupName");
      }
      ObjectNode merged = JSON.valueToTree(
          SubscriptionGroupConfig.defaults(given.get("groupName").asText()));
      given.fields().forEachRemaining(e -> {
        if (merged.has(e.getKey())) {
          merged.set(e.getKey(), e.getValue());
        }
      });
      return JSON.treeToValue(merged, SubscriptionGroupConfig.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "subscription group body is not a valid SubscriptionGroupConfig: " + e.getMessage());
    }
  }

  private RemotingCommand all() {
    List<SubscriptionGroupConfig> sorted = groups.all().stream()
        .sorted(Comparator.comparing(SubscriptionGroupConfig::groupName)).toList();
    long version = groups.dataVersion();
    byte[] body = AdminJson.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("dataVersion");
      g.writeNumberField("counter", version);
      g.writeNumberField("stateVersion", 0);
      g.writeNumberField("timestamp", 0);
      g.writeEndObject();
      g.writeObjectFieldStart("subscriptionGroupTable");
      for (SubscriptionGroupConfig c : sorted) {
        g.writeFieldName(c.groupName());
        write(g, c);
      }
      g.writeEndObject();
      g.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }

  private static void write(JsonGenerator g, SubscriptionGroupConfig c) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("attributes");
    g.writeEndObject();
    g.writeNumberField("brokerId", c.brokerId());
    g.writeBooleanField("consumeBroadcastEnable", c.consumeBroadcastEnable());
    g.writeBooleanField("consumeEnable", c.consumeEnable());
    g.writeBooleanField("consumeFromMinEnable", c.consumeFromMinEnable());
    g.writeBooleanField("consumeMessageOrderly", false);
    g.writeNumberField("consumeTimeoutMinute", 15);
    g.writeStringField("groupName", c.groupName());
    g.writeNumberField("groupSysFlag", 0);
    g.writeBooleanField("notifyConsumerIdsChangedEnable", c.notifyConsumerIdsChangedEnable());
    g.writeNumberField("retryMaxTimes", c.retryMaxTimes());
    g.writeNumberField("retryQueueNums", c.retryQueueNums());
    g.writeNumberField("whichBrokerWhenConsumeSlowly", c.whichBrokerWhenConsumeSlowly());
    g.writeEndObject();
  }

  private RemotingCommand delete(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String group = h.requireString("groupName");
    boolean cleanOffset = h.optionalBoolean("cleanOffset", false)
        || h.optionalBoolean("removeOffset", false);
    boolean existed = groups.delete(group);
    boolean hadOffsets = cleanOffset && offsets.removeGroup(group);
    LOG.info("Subscription group {} deleted by {} (existed: {}, offsets removed: {})", group,
        context.peer(), existed, hadOffsets);
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  private RemotingCommand one(RemotingCommand request) {
    String group = HeaderReader.of(request).requireString("group");
    SubscriptionGroupConfig c = groups.find(group).orElseThrow(() -> new CommandException(
        ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group " + group
            + " does not exist on this broker"));
    return RemotingCommand.response(ResponseCode.SUCCESS, null)
        .body(AdminJson.write(g -> write(g, c)));
  }
}
