package io.apogeemq.client.internal;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.apogeemq.client.message.MessageQueue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A topic's route as the NameServer reports it (codes.md §2.1): which broker groups hold it with
 * how many read/write queues and permissions, and the addresses of each group's members.
 * Immutable; compared by value so a refresh can tell whether anything changed.
 *
 * @param queueDatas one entry per broker name, sorted by broker name
 * @param brokerAddrs broker name -> (broker id -> {@code host:port}); id 0 is the master
 * @param clusters broker name -> cluster name
 * @param orderTopicConf {@code brokerName:count;...} for order topics, or empty
 */
public record TopicRoute(List<QueueData> queueDatas, Map<String, Map<Long, String>> brokerAddrs,
    Map<String, String> clusters, String orderTopicConf) {

  /** Permission bit: readable. */
  public static final int PERM_READ = 4;
  /** Permission bit: writable. */
  public static final int PERM_WRITE = 2;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  /** Queue counts and permission of a topic on one broker group. */
  public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm) {}

  public TopicRoute {
    queueDatas = List.copyOf(queueDatas);
    brokerAddrs = Map.copyOf(brokerAddrs);
    clusters = Map.copyOf(clusters);
    orderTopicConf = orderTopicConf == null ? "" : orderTopicConf;
  }

  /** Parses a {@code TopicRouteData} JSON body (standard or fastjson's unquoted-key form). */
  public static TopicRoute parse(byte[] body) throws IOException {
    JsonNode root = JSON.readTree(body);
    List<QueueData> queues = new ArrayList<>();
    for (JsonNode q : root.path("queueDatas")) {
      queues.add(new QueueData(q.path("brokerName").asText(), q.path("readQueueNums").asInt(),
          q.path("writeQueueNums").asInt(), q.path("perm").asInt()));
    }
    queues.sort(Comparator.comparing(QueueData::brokerName));
    Map<String, Map<Long, String>> addrs = new HashMap<>();
    Map<String, String> clusters = new HashMap<>();
    for (JsonNode b : root.path("brokerDatas")) {
      String name = b.path("brokerName").asText();
      Map<Long, String> ids = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = b.path("brokerAddrs").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        ids.put(Long.parseLong(e.getKey().trim()), e.getValue().asText());
      }
      addrs.put(name, Map.copyOf(ids));
      clusters.put(name, b.path("cluster").asText());
    }
    return new TopicRoute(queues, addrs, clusters, root.path("orderTopicConf").asText(""));
  }

  /** The master's address of {@code brokerName}, or {@code null} when it has none. */
  public String masterAddress(String brokerName) {
    Map<Long, String> ids = brokerAddrs.get(brokerName);
    return ids == null ? null : ids.get(0L);
  }

  /** Every broker address in the route (masters and slaves). */
  public List<String> allAddresses() {
    List<String> out = new ArrayList<>();
    brokerAddrs.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /**
   * Queues a producer may send to (semantics.md §1.2): from {@code orderTopicConf} when set,
   * else for each writable broker group with a master, ids {@code 0..writeQueueNums-1}, at most
   * {@code maxPerBroker} per broker group.
   */
  public List<MessageQueue> publishQueues(String topic, int maxPerBroker) {
    List<MessageQueue> out = new ArrayList<>();
    if (!orderTopicConf.isEmpty()) {
      for (String part : orderTopicConf.split(";")) {
        String[] kv = part.split(":");
        if (kv.length == 2) {
          int n = Integer.parseInt(kv[1].trim());
          for (int i = 0; i < n; i++) {
            out.add(new MessageQueue(topic, kv[0].trim(), i));
          }
        }
      }
      return List.copyOf(out);
    }
    for (QueueData q : queueDatas) {
      if ((q.perm() & PERM_WRITE) == 0 || masterAddress(q.brokerName()) == null) {
        continue;
      }
      int n = Math.min(q.writeQueueNums(), maxPerBroker);
      for (int i = 0; i < n; i++) {
        out.add(new MessageQueue(topic, q.brokerName(), i));
      }
    }
    return List.copyOf(out);
  }

  /** Queues a consumer may read: for each readable broker group, ids {@code 0..readQueueNums-1}. */
  public List<MessageQueue> subscribeQueues(String topic) {
    List<MessageQueue> out = new ArrayList<>();
    for (QueueData q : queueDatas) {
      if ((q.perm() & PERM_READ) == 0) {
        continue;
      }
      for (int i = 0; i < q.readQueueNums(); i++) {
        out.add(new MessageQueue(topic, q.brokerName(), i));
      }
    }
    return List.copyOf(out);
  }
}
