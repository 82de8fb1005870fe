package io.apogeemq.namesrv.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The maps behind {@link RouteTable} and the operations that must keep them consistent with each
 * other (replacing a broker name's topics, removing an address with everything that depended on it)
 * or read several of them at once.
 *
 * <p>Not thread-safe: every method is called by {@link RouteTable} under its lock (the write lock
 * for methods that modify, at least the read lock for the others).
 */
final class RouteState {

  final Map<String, TreeMap<String, QueueData>> topicQueues = new HashMap<>();
  final Map<String, BrokerData> brokers = new HashMap<>();
  final Map<String, TreeSet<String>> clusters = new HashMap<>();
  final Map<BrokerAddrKey, BrokerLiveInfo> live = new HashMap<>();
  final Map<BrokerAddrKey, List<String>> filterServers = new HashMap<>();

  private final boolean deleteTopicsNotReported;

  RouteState(boolean deleteTopicsNotReported) {
    this.deleteTopicsNotReported = deleteTopicsNotReported;
  }

  /** Under the write lock. */
  boolean replaceTopics(String brokerName, List<TopicConfigEntry> topics) {
    boolean changed = false;
    Set<String> reported = new HashSet<>();
    for (TopicConfigEntry t : topics) {
      reported.add(t.topicName());
      QueueData qd = QueueData.of(brokerName, t);
      QueueData prev = topicQueues.computeIfAbsent(t.topicName(), k -> new TreeMap<>()).put(brokerName, qd);
      changed |= !qd.equals(prev);
    }
    if (deleteTopicsNotReported) {
      var it = topicQueues.entrySet().iterator();
      while (it.hasNext()) {
        var e = it.next();
        if (!reported.contains(e.getKey()) && e.getValue().remove(brokerName) != null) {
          changed = true;
          if (e.getValue().isEmpty()) {
            it.remove();
          }
        }
      }
    }
    return changed;
  }

  /** Under the write lock. */
  boolean removeAddress(BrokerAddrKey key, String brokerName) {
    boolean known = live.remove(key) != null;
    filterServers.remove(key);
    BrokerData bd = brokerName == null ? null : brokers.get(brokerName);
    if (bd != null && bd.cluster().equals(key.cluster())) {
      SortedMap<Long, String> addrs = new TreeMap<>(bd.brokerAddrs());
      known |= addrs.values().removeIf(a -> a.equals(key.brokerAddr()));
      if (addrs.isEmpty()) {
        brokers.remove(brokerName);
        TreeSet<String> names = clusters.get(key.cluster());
        if (names != null) {
          names.remove(brokerName);
          if (names.isEmpty()) {
            clusters.remove(key.cluster());
          }
        }
        removeBrokerNameFromTopics(brokerName);
      } else {
        brokers.put(brokerName, new BrokerData(bd.cluster(), brokerName, addrs, bd.zoneName(), bd.enableActingMaster()));
      }
    }
    return known;
  }

  /** Under the write lock. */
  void removeBrokerNameFromTopics(String brokerName) {
    var it = topicQueues.values().iterator();
    while (it.hasNext()) {
      TreeMap<String, QueueData> byBroker = it.next();
      if (byBroker.remove(brokerName) != null && byBroker.isEmpty()) {
        it.remove();
      }
    }
  }

  /** The route of a topic, or empty when no live broker serves it. */
  Optional<TopicRoute> route(String topic) {
    TreeMap<String, QueueData> byBroker = topicQueues.get(topic);
    if (byBroker == null || byBroker.isEmpty()) {
      return Optional.empty();
    }
    List<BrokerData> brokerDatas = new ArrayList<>(byBroker.size());
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (String name : byBroker.keySet()) {
      BrokerData bd = brokers.get(name);
      if (bd == null) {
        continue;
      }
      brokerDatas.add(bd);
      if (!filterServers.isEmpty()) {
        for (String addr : bd.brokerAddrs().values()) {
          List<String> fs = filterServers.get(new BrokerAddrKey(bd.cluster(), addr));
          if (fs != null) {
            filters.put(addr, fs);
          }
        }
      }
    }
    if (brokerDatas.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TopicRoute(new ArrayList<>(byBroker.values()), brokerDatas, filters));
  }

  /** Every topic with at least one live queue data. */
  Set<String> allTopics() {
    return Set.copyOf(topicQueues.keySet());
  }

  /** Topics with queue data on any broker name of the cluster (empty for an unknown cluster). */
  Set<String> topicsOfCluster(String cluster) {
    Set<String> names = clusters.getOrDefault(cluster, new TreeSet<>());
    Set<String> topics = new HashSet<>();
    topicQueues.forEach(
        (topic, byBroker) -> {
          for (String name : names) {
            if (byBroker.containsKey(name)) {
              topics.add(topic);
              break;
            }
          }
        });
    return topics;
  }

  /** Topics for which some queue data's {@code topicSysFlag} satisfies the predicate. */
  Set<String> topicsWithSysFlag(IntPredicate flagTest) {
    Set<String> topics = new HashSet<>();
    topicQueues.forEach(
        (topic, byBroker) -> {
          for (QueueData qd : byBroker.values()) {
            if (flagTest.test(qd.topicSysFlag())) {
              topics.add(topic);
              break;
            }
          }
        });
    return topics;
  }

  /** Cluster names and broker names (the "system topics" of {@code GET_SYSTEM_TOPIC_LIST_FROM_NS}). */
  Set<String> clusterAndBrokerNames() {
    Set<String> names = new HashSet<>(clusters.keySet());
    names.addAll(brokers.keySet());
    return names;
  }

  /** The address of some live master (or any address when no master exists), or null. */
  String anyBrokerAddr() {
    String any = null;
    for (BrokerData bd : brokers.values()) {
      String m = bd.masterAddr();
      if (m != null) {
        return m;
      }
      if (any == null && !bd.brokerAddrs().isEmpty()) {
        any = bd.brokerAddrs().get(bd.brokerAddrs().firstKey());
      }
    }
    return any;
  }
}
