package io.apogeemq.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogeemq.client.BrokerException;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Consumer and producer groups: progress, connections, offset reset (codes.md §5.9–§5.13).
 * Thread-safe; owns nothing.
 */
public final class ConsumerAdmin {

  private final AdminTransport transport;
  private final Admin admin;

  ConsumerAdmin(AdminTransport transport, Admin admin) {
    this.transport = transport;
    this.admin = admin;
  }

  private String wrap(String name) {
    return transport.runtime().config().wrap(name);
  }

  /**
   * The brokers a group lives on: the masters of its {@code %RETRY%} topic's route, or every
   * master when that topic has no route yet.
   */
  private Set<String> brokersOf(String group) {
    try {
      Set<String> out = new TreeSet<>();
      admin.route("%RETRY%" + group).brokerDatas().forEach(b -> {
        if (b.master() != null) {
          out.add(b.master());
        }
      });
      return out;
    } catch (NotFoundException e) {
      return admin.clusterInfo().masters();
    }
  }

  /**
   * GET_CONSUME_STATS of {@code group} on every broker it lives on, restricted to {@code topic}
   * when not null; sorted by topic, broker and queue. Empty when the group has no offsets.
   */
  public List<QueueProgress> progress(String group, String topic) {
    String g = wrap(group);
    String what = "progress of consumer group '" + g + "'";
    List<QueueProgress> out = new ArrayList<>();
    for (String broker : brokersOf(g)) {
      RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
          .putExtField("consumerGroup", g);
      if (topic != null) {
        request.putExtField("topic", wrap(topic));
      }
      RemotingCommand r = transport.callAnyCode(broker, request, what);
      if (r.code() == ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST
          || r.code() == ResponseCode.TOPIC_NOT_EXIST) {
        continue;
      }
      if (r.code() != ResponseCode.SUCCESS) {
        throw new BrokerException(r.code(), r.remark(), broker, what);
      }
      AdminTransport.json(r, what).path("offsetTable").fields().forEachRemaining(e -> {
        MessageQueue q = AdminTransport.queueKey(e.getKey(), what);
        JsonNode v = e.getValue();
        out.add(new QueueProgress(q.topic(), q.brokerName(), q.queueId(),
            v.path("brokerOffset").asLong(), v.path("consumerOffset").asLong(),
            v.path("lastTimestamp").asLong()));
      });
    }
    out.sort(Comparator.comparing(QueueProgress::topic).thenComparing(QueueProgress::brokerName)
        .thenComparingInt(QueueProgress::queueId));
    return out;
  }

  /**
   * GET_CONSUMER_CONNECTION_LIST, merged over the group's brokers.
   *
   * @throws NotFoundException when no broker has an online member of the group
   */
  public ConsumerConnection connection(String group) {
    String g = wrap(group);
    String what = "connections of consumer group '" + g + "'";
    Map<String, ClientConnection> conns = new TreeMap<>();
    Map<String, String> subs = new TreeMap<>();
    String[] kind = new String[3];
    for (String broker : brokersOf(g)) {
      RemotingCommand r = transport.callAnyCode(broker, RemotingCommand
          .request(RequestCode.GET_CONSUMER_CONNECTION_LIST).putExtField("consumerGroup", g), what);
      if (r.code() == ResponseCode.CONSUMER_NOT_ONLINE) {
        continue;
      }
      if (r.code() != ResponseCode.SUCCESS) {
        throw new BrokerException(r.code(), r.remark(), broker, what);
      }
      JsonNode root = AdminTransport.json(r, what);
      root.path("connectionSet").forEach(c -> conns.putIfAbsent(c.path("clientId").asText(),
          connection(c)));
      root.path("subscriptionTable").fields().forEachRemaining(e ->
          subs.put(e.getKey(), e.getValue().path("subString").asText()));
      kind[0] = root.path("consumeType").asText(null);
      kind[1] = root.path("messageModel").asText(null);
      kind[2] = root.path("consumeFromWhere").asText(null);
    }
    if (conns.isEmpty()) {
      throw new NotFoundException("consumer group '" + g + "' has no online consumer");
    }
    return new ConsumerConnection(new ArrayList<>(conns.values()), kind[0], kind[1], kind[2],
        subs);
  }

  private static ClientConnection connection(JsonNode c) {
    return new ClientConnection(c.path("clientId").asText(), c.path("clientAddr").asText(),
        c.path("language").asText(), c.path("version").asInt());
  }

  /**
   * GET_PRODUCER_CONNECTION_LIST on the brokers of {@code topic}'s route.
   *
   * @throws NotFoundException when no broker knows an online producer of the group
   */
  public List<ClientConnection> producerConnection(String group, String topic) {
    String g = wrap(group);
    String what = "connections of producer group '" + g + "'";
    Map<String, ClientConnection> conns = new TreeMap<>();
    for (TopicRouteInfo.BrokerData b : admin.route(topic).brokerDatas()) {
      if (b.master() == null) {
        continue;
      }
      RemotingCommand r = transport.callAnyCode(b.master(), RemotingCommand
          .request(RequestCode.GET_PRODUCER_CONNECTION_LIST).putExtField("producerGroup", g), what);
      if (r.code() != ResponseCode.SUCCESS) {
        continue;
      }
      AdminTransport.json(r, what).path("connectionSet").forEach(c ->
          conns.putIfAbsent(c.path("clientId").asText(), connection(c)));
    }
    if (conns.isEmpty()) {
      throw new NotFoundException("producer group '" + g + "' has no online producer");
    }
    return new ArrayList<>(conns.values());
  }

  /** QUERY_TOPIC_CONSUME_BY_WHO on the brokers of {@code topic}'s route: groups, sorted. */
  public Set<String> groupsConsuming(String topic) {
    String t = wrap(topic);
    String what = "groups consuming topic '" + t + "'";
    Set<String> out = new TreeSet<>();
    for (TopicRouteInfo.BrokerData b : admin.route(t).brokerDatas()) {
      if (b.master() != null) {
        RemotingCommand r = transport.call(b.master(), RemotingCommand
            .request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO).putExtField("topic", t), what);
        AdminTransport.json(r, what).path("groupList").forEach(n -> out.add(n.asText()));
      }
    }
    return out;
  }

  /**
   * INVOKE_BROKER_TO_RESET_OFFSET to every master of {@code topic}'s route: moves {@code group}
   * to the first message stored at or after {@code timestamp} (ms) on every queue; with
   * {@code force} also forward of its committed offset.
   *
   * @return the new offset per queue as the brokers report it
   */
  public Map<MessageQueue, Long> resetOffsetByTime(String group, String topic, long timestamp,
      boolean force) {
    String g = wrap(group);
    String t = wrap(topic);
    String what = "reset offsets of group '" + g + "' on topic '" + t + "'";
    Map<MessageQueue, Long> out = new LinkedHashMap<>();
    for (TopicRouteInfo.BrokerData b : admin.route(t).brokerDatas()) {
      if (b.master() == null) {
        continue;
      }
      RemotingCommand r = transport.call(b.master(), RemotingCommand
          .request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).putExtField("topic", t)
          .putExtField("group", g).putExtField("timestamp", timestamp)
          .putExtField("isForce", force).putExtField("queueId", -1), what);
      AdminTransport.json(r, what).path("offsetTable").fields().forEachRemaining(e ->
          out.put(AdminTransport.queueKey(e.getKey(), what), e.getValue().asLong()));
    }
    return out;
  }
}
