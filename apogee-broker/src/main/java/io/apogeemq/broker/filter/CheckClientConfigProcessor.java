package io.apogeemq.broker.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.broker.client.SubscriptionData;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;

/**
 * {@code CHECK_CLIENT_CONFIG} (46, codes.md §4.13): a push consumer asks, before it starts,
 * whether this broker can serve a subscription that is not a tag expression. Body
 * {@code {"clientId":..., "group":..., "subscriptionData":{"topic":..., "subString":...,
 * "expressionType":"SQL92", ...}}}. Answers {@code SUCCESS} for tag subscriptions and for SQL92
 * expressions that compile (the compiled filter is cached for the pulls that follow),
 * {@code SYSTEM_ERROR} when {@code enablePropertyFilter=false}, and
 * {@code SUBSCRIPTION_PARSE_FAILED} with the compiler's message (problem and position) otherwise,
 * which makes the official consumer's {@code start()} fail with that message.
 *
 * <p>Thread-safe.
 */
public final class CheckClientConfigProcessor implements RequestProcessor {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqlSubscriptions sql;
  private final String brokerName;

  public CheckClientConfigProcessor(SqlSubscriptions sql, String brokerName) {
    this.sql = sql;
    this.brokerName = brokerName;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    JsonNode root = body(context, request);
    String group = root.path("group").asText("");
    JsonNode sub = root.path("subscriptionData");
    String topic = sub.path("topic").asText("");
    String type = sub.path("expressionType").asText("");
    String expression = sub.path("subString").asText(null);
    if (type.isEmpty() || SubscriptionData.TYPE_TAG.equals(type)) {
      return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }
    if (!SubscriptionData.TYPE_SQL92.equals(type)) {
      throw new CommandException(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "expression type "
          + type + " of group " + group + " on topic " + topic + " is not supported by broker "
          + brokerName + " (TAG or SQL92)");
    }
    sql.filter(group, topic, expression);
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  private static JsonNode body(RequestContext context, RemotingCommand request) {
    byte[] body = request.body();
    if (body == null || body.length == 0) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "CHECK_CLIENT_CONFIG without body from " + context.peer());
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw new IOException("not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "CHECK_CLIENT_CONFIG body from "
          + context.peer() + " is not a CheckClientRequestBody: " + e.getMessage());
    }
  }
}
