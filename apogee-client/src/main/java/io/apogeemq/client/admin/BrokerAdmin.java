package io.apogeemq.client.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Calls to one broker: runtime status, configuration, subscription groups (codes.md §5.6, §5.15,
 * §5.16). Thread-safe; owns nothing.
 */
public final class BrokerAdmin {

  private final AdminTransport transport;

  BrokerAdmin(AdminTransport transport) {
    this.transport = transport;
  }

  /** GET_BROKER_RUNTIME_INFO: every key the broker reports, sorted. */
  public SortedMap<String, String> runtimeInfo(String brokerAddr) {
    String what = "runtime info of broker " + brokerAddr;
    RemotingCommand r = transport.call(brokerAddr,
        RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO), what);
    SortedMap<String, String> out = new TreeMap<>();
    AdminTransport.json(r, what).path("table").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** GET_BROKER_CONFIG: the broker's configuration keys, sorted. */
  public SortedMap<String, String> config(String brokerAddr) {
    String what = "configuration of broker " + brokerAddr;
    RemotingCommand r = transport.call(brokerAddr,
        RemotingCommand.request(RequestCode.GET_BROKER_CONFIG), what);
    Properties p = new Properties();
    try {
      byte[] body = r.body() == null ? new byte[0] : r.body();
      p.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new ClientException(what + ": malformed body: " + e.getMessage(), e);
    }
    SortedMap<String, String> out = new TreeMap<>();
    p.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }

  /**
   * UPDATE_BROKER_CONFIG: changes the given keys on the broker. {@code brokerPermission} must be
   * 0..7 (checked here, as the official admin does).
   */
  public void updateConfig(String brokerAddr, Map<String, String> changes) {
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("no configuration key to update");
    }
    String perm = changes.get("brokerPermission");
    if (perm != null) {
      int p;
      try {
        p = Integer.parseInt(perm.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("brokerPermission '" + perm + "' is not an integer");
      }
      if (p < 0 || p > 7) {
        throw new IllegalArgumentException("brokerPermission " + p + " outside 0..7");
      }
    }
    StringBuilder body = new StringBuilder();
    changes.forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
    RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG);
    request.body(body.toString().getBytes(StandardCharsets.UTF_8));
    transport.call(brokerAddr, request, "update configuration " + new TreeSet<>(changes.keySet())
        + " of broker " + brokerAddr);
  }

  /** UPDATE_AND_CREATE_SUBSCRIPTIONGROUP. */
  public void createSubscriptionGroup(String brokerAddr, SubscriptionGroup group) {
    RemotingCommand request =
        RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP);
    try {
      request.body(AdminTransport.JSON.writeValueAsBytes(group));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + group, e);
    }
    transport.call(brokerAddr, request, "create subscription group '" + group.groupName()
        + "' on broker " + brokerAddr);
  }

  /** DELETE_SUBSCRIPTIONGROUP; {@code cleanOffset} also removes the group's offsets. */
  public void deleteSubscriptionGroup(String brokerAddr, String group, boolean cleanOffset) {
    transport.call(brokerAddr, RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP)
        .putExtField("groupName", group).putExtField("cleanOffset", cleanOffset)
        .putExtField("removeOffset", cleanOffset),
        "delete subscription group '" + group + "' on broker " + brokerAddr);
  }

  /**
   * GET_SUBSCRIPTIONGROUP_CONFIG: the group's settings on the broker.
   *
   * @throws NotFoundException when the broker has no such group
   */
  public SubscriptionGroup subscriptionGroup(String brokerAddr, String group) {
    String what = "subscription group '" + group + "' on broker " + brokerAddr;
    RemotingCommand r;
    try {
      r = transport.call(brokerAddr, RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG)
          .putExtField("group", group), what);
    } catch (BrokerException e) {
      if (e.code() == ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST) {
        throw new NotFoundException(what + " does not exist");
      }
      throw e;
    }
    JsonNode g = AdminTransport.json(r, what);
    SubscriptionGroup d = SubscriptionGroup.defaults(group);
    return new SubscriptionGroup(g.path("groupName").asText(group),
        g.path("consumeEnable").asBoolean(d.consumeEnable()),
        g.path("consumeFromMinEnable").asBoolean(d.consumeFromMinEnable()),
        g.path("consumeBroadcastEnable").asBoolean(d.consumeBroadcastEnable()),
        g.path("consumeMessageOrderly").asBoolean(d.consumeMessageOrderly()),
        g.path("retryQueueNums").asInt(d.retryQueueNums()),
        g.path("retryMaxTimes").asInt(d.retryMaxTimes()),
        g.path("brokerId").asLong(d.brokerId()),
        g.path("whichBrokerWhenConsumeSlowly").asLong(d.whichBrokerWhenConsumeSlowly()),
        g.path("notifyConsumerIdsChangedEnable").asBoolean(d.notifyConsumerIdsChangedEnable()));
  }
}
