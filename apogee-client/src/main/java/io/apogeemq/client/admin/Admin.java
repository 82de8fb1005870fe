package io.apogeemq.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.internal.TopicRoute;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Administration: cluster info, topics (create, delete, list, route, status), KV config, offsets
 * and consumer lag; broker-level calls in {@link #brokers()}, consumer groups in
 * {@link #consumers()}, message queries in {@link #messages()}. Calls are synchronous and fail
 * with a {@link ClientException} naming the peer and the object: a {@link BrokerException} when a
 * server answered with an error code, an {@link UnreachableException} when no connection could be
 * made.
 *
 * <p>Thread-safe; owns no threads.
 */
public final class Admin implements AutoCloseable {

  /** KV namespace of ordered topics' queue layout (codes.md §2.6). */
  public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

  private final ClientRuntime runtime;
  private final AdminTransport transport;
  private final BrokerAdmin brokers;
  private final ConsumerAdmin consumers;
  private final MessageAdmin messages;

  /** Use {@code ApogeeClient.admin()}. */
  public Admin(ClientRuntime runtime) {
    this.runtime = runtime;
    this.transport = new AdminTransport(runtime);
    this.brokers = new BrokerAdmin(transport);
    this.consumers = new ConsumerAdmin(transport, this);
    this.messages = new MessageAdmin(transport, this);
  }

  /** Broker status, configuration and subscription groups. */
  public BrokerAdmin brokers() {
    return brokers;
  }

  /** Consumer progress, connections and offset resets. */
  public ConsumerAdmin consumers() {
    return consumers;
  }

  /** Message queries by id, key and unique key. */
  public MessageAdmin messages() {
    return messages;
  }

  /** Live brokers and clusters. */
  public ClusterInfo clusterInfo() {
    RemotingCommand r = transport.callNamesrv(
        RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), "cluster info");
    try {
      JsonNode root = AdminTransport.json(r, "cluster info");
      Map<String, Map<Long, String>> brokers = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.path("brokerAddrTable").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> b = it.next();
        Map<Long, String> ids = new HashMap<>();
        b.getValue().path("brokerAddrs").fields().forEachRemaining(e ->
            ids.put(Long.parseLong(e.getKey().trim()), e.getValue().asText()));
        brokers.put(b.getKey(), Map.copyOf(ids));
      }
      Map<String, Set<String>> clusters = new HashMap<>();
      root.path("clusterAddrTable").fields().forEachRemaining(e -> {
        Set<String> names = new TreeSet<>();
        e.getValue().forEach(n -> names.add(n.asText()));
        clusters.put(e.getKey(), Set.copyOf(names));
      });
      return new ClusterInfo(brokers, clusters);
    } catch (RuntimeException e) {
      throw new ClientException("cluster info is malformed: " + e.getMessage(), e);
    }
  }

  /** Master addresses of the broker groups of {@code cluster}; fails when the cluster is unknown. */
  public Set<String> mastersOf(String cluster) {
    ClusterInfo info = clusterInfo();
    Set<String> names = info.clusters().get(cluster);
    if (names == null) {
      throw new NotFoundException("cluster '" + cluster + "' is not known to the NameServer"
          + " (known: " + new TreeSet<>(info.clusters().keySet()) + ")");
    }
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      String m = info.brokers().getOrDefault(n, Map.of()).get(0L);
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Creates (or updates) {@code topic} with {@code queues} read and write queues, readable and
   * writable, on the master of every broker group.
   */
  public void createTopic(String topic, int queues) {
    Set<String> masters = clusterInfo().masters();
    if (masters.isEmpty()) {
      throw new ClientException("create topic '" + topic + "': no live broker master");
    }
    for (String m : masters) {
      createTopic(m, topic, queues, queues, 6, false);
    }
  }

  /**
   * Creates or updates {@code topic} on the broker at {@code brokerAddr} (UPDATE_AND_CREATE_TOPIC,
   * codes.md §5.3).
   *
   * @param perm permission bits 0..7 (6 = read and write)
   * @param order marks the topic ordered
   */
  public void createTopic(String brokerAddr, String topic, int readQueues, int writeQueues,
      int perm, boolean order) {
    String t = runtime.config().wrap(topic);
    NameRules.topicProblem(t).ifPresent(p -> {
      throw new IllegalArgumentException("topic '" + t + "': " + p);
    });
    checkQueues(t, readQueues);
    checkQueues(t, writeQueues);
    if (perm < 0 || perm > 7) {
      throw new IllegalArgumentException("topic '" + t + "': perm " + perm + " outside 0..7");
    }
    transport.call(brokerAddr, RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
        .putExtField("topic", t)
        .putExtField("defaultTopic", NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC)
        .putExtField("readQueueNums", readQueues).putExtField("writeQueueNums", writeQueues)
        .putExtField("perm", perm).putExtField("topicFilterType", "SINGLE_TAG")
        .putExtField("topicSysFlag", 0).putExtField("order", order)
        .putExtField("attributes", ""), "create topic '" + t + "'");
  }

  private static void checkQueues(String topic, int queues) {
    if (queues < 1 || queues > 1024) {
      throw new IllegalArgumentException("topic '" + topic + "': queue count " + queues
          + " outside 1..1024");
    }
  }

  /** Deletes {@code topic} from every broker master, then from every NameServer. */
  public void deleteTopic(String topic) {
    deleteTopic(topic, clusterInfo().masters());
  }

  /** Deletes {@code topic} from the given broker masters, then from every NameServer. */
  public void deleteTopic(String topic, Set<String> masters) {
    String t = runtime.config().wrap(topic);
    for (String m : masters) {
      transport.call(m, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
          .putExtField("topic", t), "delete topic '" + t + "'");
    }
    transport.callAllNamesrv(() -> RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV)
        .putExtField("topic", t), "delete topic '" + t + "' from the NameServer");
  }

  /** Every topic the NameServer knows, system topics included. */
  public Set<String> listTopics() {
    return topicList(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER),
        "topic list");
  }

  /** Topics with a queue on a broker of {@code cluster}. */
  public Set<String> listTopics(String cluster) {
    return topicList(RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER)
        .putExtField("cluster", cluster), "topics of cluster '" + cluster + "'");
  }

  private Set<String> topicList(RemotingCommand request, String what) {
    RemotingCommand r = transport.callNamesrv(request, what);
    Set<String> out = new TreeSet<>();
    AdminTransport.json(r, what).path("topicList").forEach(n -> out.add(n.asText()));
    return Collections.unmodifiableSet(out);
  }

  /**
   * The route of {@code topic} (GET_ROUTEINFO_BY_TOPIC).
   *
   * @throws NotFoundException when no live broker serves the topic
   */
  public TopicRouteInfo route(String topic) {
    String t = runtime.config().wrap(topic);
    String what = "route of topic '" + t + "'";
    RemotingCommand r;
    try {
      r = transport.callNamesrv(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
          .putExtField("topic", t), what);
    } catch (BrokerException e) {
      if (e.code() == ResponseCode.TOPIC_NOT_EXIST) {
        throw new NotFoundException("topic '" + t + "' does not exist (no live broker serves it)");
      }
      throw e;
    }
    JsonNode root = AdminTransport.json(r, what);
    List<TopicRouteInfo.BrokerData> brokers = new ArrayList<>();
    for (JsonNode b : root.path("brokerDatas")) {
      Map<Long, String> ids = new HashMap<>();
      b.path("brokerAddrs").fields().forEachRemaining(e ->
          ids.put(Long.parseLong(e.getKey().trim()), e.getValue().asText()));
      brokers.add(new TopicRouteInfo.BrokerData(b.path("cluster").asText(),
          b.path("brokerName").asText(), ids));
    }
    brokers.sort(Comparator.comparing(TopicRouteInfo.BrokerData::brokerName));
    List<TopicRouteInfo.QueueData> queues = new ArrayList<>();
    for (JsonNode q : root.path("queueDatas")) {
      queues.add(new TopicRouteInfo.QueueData(q.path("brokerName").asText(),
          q.path("readQueueNums").asInt(), q.path("writeQueueNums").asInt(),
          q.path("perm").asInt(), q.path("topicSysFlag").asInt()));
    }
    queues.sort(Comparator.comparing(TopicRouteInfo.QueueData::brokerName));
    return new TopicRouteInfo(brokers, queues);
  }

  /**
   * Per-queue offsets of {@code topic} on every broker of its route (GET_TOPIC_STATS_INFO),
   * sorted by broker and queue.
   */
  public List<QueueStats> topicStats(String topic) {
    String t = runtime.config().wrap(topic);
    TopicRouteInfo route = route(t);
    List<QueueStats> out = new ArrayList<>();
    for (TopicRouteInfo.BrokerData b : route.brokerDatas()) {
      if (b.master() == null) {
        continue;
      }
      String what = "status of topic '" + t + "'";
      RemotingCommand r = transport.call(b.master(),
          RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO).putExtField("topic", t), what);
      AdminTransport.json(r, what).path("offsetTable").fields().forEachRemaining(e -> {
        MessageQueue q = AdminTransport.queueKey(e.getKey(), what);
        JsonNode v = e.getValue();
        out.add(new QueueStats(q.brokerName(), q.queueId(), v.path("minOffset").asLong(),
            v.path("maxOffset").asLong(), v.path("lastUpdateTimestamp").asLong()));
      });
    }
    out.sort(Comparator.comparing(QueueStats::brokerName).thenComparingInt(QueueStats::queueId));
    return out;
  }

  /** Puts a KV config entry on every NameServer (PUT_KV_CONFIG). */
  public void putKvConfig(String namespace, String key, String value) {
    transport.callAllNamesrv(() -> RemotingCommand.request(RequestCode.PUT_KV_CONFIG)
        .putExtField("namespace", namespace).putExtField("key", key).putExtField("value", value),
        "put KV config " + namespace + "/" + key);
  }

  /** Deletes a KV config entry on every NameServer (DELETE_KV_CONFIG). */
  public void deleteKvConfig(String namespace, String key) {
    transport.callAllNamesrv(() -> RemotingCommand.request(RequestCode.DELETE_KV_CONFIG)
        .putExtField("namespace", namespace).putExtField("key", key),
        "delete KV config " + namespace + "/" + key);
  }

  /** A KV config value from the first NameServer that answers, or empty. */
  public Optional<String> kvConfig(String namespace, String key) {
    try {
      RemotingCommand r = transport.callNamesrv(RemotingCommand.request(RequestCode.GET_KV_CONFIG)
          .putExtField("namespace", namespace).putExtField("key", key),
          "KV config " + namespace + "/" + key);
      return Optional.ofNullable(r.extField("value"));
    } catch (BrokerException e) {
      if (e.code() == ResponseCode.QUERY_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The readable queues of {@code topic}, freshly read from the NameServer; empty if none. */
  public List<MessageQueue> queues(String topic) {
    String t = runtime.config().wrap(topic);
    Optional<TopicRoute> route = runtime.routes().fetch(t).join();
    List<MessageQueue> out = new ArrayList<>(route.map(r -> r.subscribeQueues(t)).orElse(List.of()));
    Collections.sort(out);
    return out;
  }

  String master(MessageQueue q) {
    String m = runtime.routes().require(q.topic(), runtime.timeoutMillis())
        .masterAddress(q.brokerName());
    if (m == null) {
      throw new ClientException(q + " has no master");
    }
    return m;
  }

  private long offset(int code, MessageQueue q, String what) {
    RemotingCommand r = transport.call(master(q), RemotingCommand.request(code)
        .putExtField("topic", q.topic()).putExtField("queueId", q.queueId()), what + " of " + q);
    return Long.parseLong(r.extField("offset"));
  }

  /** The next offset to be written to {@code queue}. */
  public long maxOffset(MessageQueue queue) {
    return offset(RequestCode.GET_MAX_OFFSET, queue, "max offset");
  }

  /** The smallest offset still stored in {@code queue}. */
  public long minOffset(MessageQueue queue) {
    return offset(RequestCode.GET_MIN_OFFSET, queue, "min offset");
  }

  /** The offset {@code group} committed for {@code queue}, or -1 when none. */
  public long committedOffset(String group, MessageQueue queue) {
    String g = runtime.config().wrap(group);
    String address = master(queue);
    String what = "offset of " + g + " on " + queue;
    RemotingCommand r = transport.callAnyCode(address,
        RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET).putExtField("consumerGroup", g)
            .putExtField("topic", queue.topic()).putExtField("queueId", queue.queueId())
            .putExtField("setZeroIfNotFound", false), what);
    if (r.code() == ResponseCode.QUERY_NOT_FOUND) {
      return -1;
    }
    if (r.code() != ResponseCode.SUCCESS) {
      throw new BrokerException(r.code(), r.remark(), address, what);
    }
    return Long.parseLong(r.extField("offset"));
  }

  /**
   * Messages of {@code topic} not yet consumed by {@code group}: per queue, max offset minus the
   * committed offset (or minus the min offset when nothing is committed).
   */
  public long lag(String group, String topic) {
    long lag = 0;
    for (MessageQueue q : queues(topic)) {
      long max = maxOffset(q);
      long committed = committedOffset(group, q);
      lag += Math.max(0, max - (committed >= 0 ? committed : minOffset(q)));
    }
    return lag;
  }

  @Override
  public void close() {
    // owns nothing; the ApogeeClient owns the connections
  }
}
