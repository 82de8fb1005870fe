package io.apogeemq.namesrv.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * The NameServer's route registry: which broker names serve which topics, where each broker name's
 * master and slaves are, which cluster each belongs to, and when each broker address was last heard.
 *
 * <p>Tables (all keyed by name):
 *
 * <pre>
 *   topic       -> brokerName -> QueueData        (read/write queue counts, perm, sys flag)
 *   brokerName  -> BrokerData                     (cluster, brokerId -> ip:port, zone)
 *   cluster     -> {brokerName}
 *   (cluster, brokerAddr) -> BrokerLiveInfo       (last update, timeout, data version, HA address)
 *   (cluster, brokerAddr) -> [filter server]      (legacy; only when a broker reports some)
 * </pre>
 *
 * <p>Removing a broker address (unregister, expiry, closed connection) cleans every table: the
 * address leaves its broker name; a broker name left without addresses leaves its cluster and every
 * topic; a topic left without queue data disappears.
 *
 * <p>The maps and the cascades that keep them consistent live in {@link RouteState}; this class owns
 * the lock, the clock-free liveness rules and the generation counter.
 *
 * <p>Thread-safety: safe for any number of threads. Mutations hold the write lock, queries the read
 * lock, so every query result is a consistent snapshot built from immutable values. {@link
 * #generation()} increases after every mutation that can change a query result, which lets callers
 * cache encoded answers.
 */
public final class RouteTable {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  private final RouteState state;

  private volatile long generation;

  /** A table that keeps topics a broker stops reporting (the official default). */
  public RouteTable() {
    this(false);
  }

  /**
   * @param deleteTopicWithBrokerRegistration when true, a registration with a new data version
   *     also removes this broker name from topics the broker no longer reports
   */
  public RouteTable(boolean deleteTopicWithBrokerRegistration) {
    this.state = new RouteState(deleteTopicWithBrokerRegistration);
  }

  /** Increases after every mutation that may change what a query returns. */
  public long generation() {
    return generation;
  }

  /**
   * Registers or refreshes a broker address. Topics are (re)read only from the master, or from the
   * lowest-id slave when no master is registered, and only when the broker is new to this table or
   * its data version changed.
   *
   * @return the master's addresses when the registrant is a slave
   */
  public RegisterResult register(BrokerRegistration r, long nowMillis) {
    lock.writeLock().lock();
    try {
      boolean changed = state.clusters.computeIfAbsent(r.cluster(), c -> new TreeSet<>()).add(r.brokerName());

      BrokerData old = state.brokers.get(r.brokerName());
      boolean first = old == null;
      SortedMap<Long, String> addrs = old == null ? new TreeMap<>() : new TreeMap<>(old.brokerAddrs());
      // The same process re-registering under another id (slave promoted): drop the stale id.
      addrs.entrySet().removeIf(e -> e.getValue().equals(r.brokerAddr()) && e.getKey() != r.brokerId());
      first |= addrs.put(r.brokerId(), r.brokerAddr()) == null;
      BrokerData updated =
          new BrokerData(r.cluster(), r.brokerName(), addrs, r.zoneName(), r.enableActingMaster());
      if (!updated.equals(old)) {
        state.brokers.put(r.brokerName(), updated);
        changed = true;
      }

      BrokerAddrKey key = new BrokerAddrKey(r.cluster(), r.brokerAddr());
      BrokerLiveInfo previous = state.live.get(key);
      boolean master = r.brokerId() == 0;
      boolean primeSlave = !master && r.brokerId() == addrs.firstKey();
      if (r.topics() != null && (master || primeSlave)) {
        boolean versionChanged =
            first || previous == null || !Objects.equals(previous.dataVersion(), r.dataVersion());
        if (versionChanged) {
          changed |= state.replaceTopics(r.brokerName(), r.topics());
        }
      }

      DataVersion version = r.dataVersion();
      if (version == null && previous != null) {
        version = previous.dataVersion();
      }
      state.live.put(
          key,
          new BrokerLiveInfo(
              r.brokerName(),
              r.brokerId(),
              nowMillis,
              r.heartbeatTimeoutMillis(),
              version,
              r.haServerAddr(),
              r.connection()));

      if (r.filterServers().isEmpty()) {
        changed |= state.filterServers.remove(key) != null;
      } else {
        changed |= !r.filterServers().equals(state.filterServers.put(key, r.filterServers()));
      }
      if (changed) {
        generation++;
      }

      if (master) {
        return RegisterResult.NONE;
      }
      String masterAddr = addrs.get(0L);
      if (masterAddr == null) {
        return RegisterResult.NONE;
      }
      BrokerLiveInfo masterLive = state.live.get(new BrokerAddrKey(r.cluster(), masterAddr));
      return new RegisterResult(masterAddr, masterLive == null ? null : masterLive.haServerAddr());
    } finally {
      lock.writeLock().unlock();
    }
  }


  /**
   * Removes one broker address, as on {@code UNREGISTER_BROKER}.
   *
   * @return true when the address was registered
   */
  public boolean unregister(String cluster, String brokerAddr, String brokerName) {
    lock.writeLock().lock();
    try {
      BrokerAddrKey key = new BrokerAddrKey(cluster, brokerAddr);
      BrokerLiveInfo info = state.live.get(key);
      String name = info != null ? info.brokerName() : brokerName;
      return removeAddress(key, name);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes every broker address not heard from within its timeout; returns what was removed. */
  public List<BrokerAddrKey> removeExpired(long nowMillis) {
    return removeWhere(info -> info.expiredAt(nowMillis));
  }

  /** Removes every broker address registered over the given connection; returns what was removed. */
  public List<BrokerAddrKey> removeConnection(Object connection) {
    Objects.requireNonNull(connection, "connection");
    return removeWhere(info -> info.connection() == connection);
  }

  /** Called under the write lock. */
  private boolean removeAddress(BrokerAddrKey key, String brokerName) {
    boolean known = state.removeAddress(key, brokerName);
    if (known) {
      generation++;
    }
    return known;
  }

  private List<BrokerAddrKey> removeWhere(java.util.function.Predicate<BrokerLiveInfo> test) {
    List<BrokerAddrKey> removed = new ArrayList<>();
    lock.readLock().lock();
    try {
      for (var e : state.live.entrySet()) {
        if (test.test(e.getValue())) {
          removed.add(e.getKey());
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    if (removed.isEmpty()) {
      return removed;
    }
    lock.writeLock().lock();
    try {
      removed.removeIf(
          key -> {
            BrokerLiveInfo info = state.live.get(key);
            // Re-check: a registration may have refreshed it between the two locks.
            return info == null || !test.test(info) || !removeAddress(key, info.brokerName());
          });
    } finally {
      lock.writeLock().unlock();
    }
    return removed;
  }



  /** The route of a topic, or empty when no state.live broker serves it. */
  public Optional<TopicRoute> route(String topic) {
    lock.readLock().lock();
    try {
      return state.route(topic);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every state.live broker name by cluster. */
  public ClusterSnapshot clusterInfo() {
    lock.readLock().lock();
    try {
      Map<String, Set<String>> copy = new HashMap<>();
      state.clusters.forEach((c, names) -> copy.put(c, Set.copyOf(names)));
      return new ClusterSnapshot(state.brokers, copy);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every topic with at least one state.live queue data. */
  public Set<String> allTopics() {
    lock.readLock().lock();
    try {
      return state.allTopics();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Topics with queue data on any broker name of the cluster (empty for an unknown cluster). */
  public Set<String> topicsOfCluster(String cluster) {
    lock.readLock().lock();
    try {
      return state.topicsOfCluster(cluster);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Topics for which some queue data's {@code topicSysFlag} satisfies the predicate. */
  public Set<String> topicsWithSysFlag(IntPredicate flagTest) {
    lock.readLock().lock();
    try {
      return state.topicsWithSysFlag(flagTest);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Removes a topic, or only its queue data on the broker names of {@code cluster} when that is not
   * null.
   *
   * @return true when something was removed
   */
  public boolean deleteTopic(String topic, String cluster) {
    lock.writeLock().lock();
    try {
      boolean removed;
      if (cluster == null || cluster.isEmpty()) {
        removed = state.topicQueues.remove(topic) != null;
      } else {
        TreeMap<String, QueueData> byBroker = state.topicQueues.get(topic);
        Set<String> names = state.clusters.get(cluster);
        removed = byBroker != null && names != null && byBroker.keySet().removeAll(names);
        if (byBroker != null && byBroker.isEmpty()) {
          state.topicQueues.remove(topic);
        }
      }
      if (removed) {
        generation++;
      }
      return removed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Adds or removes {@link Perm#WRITE} on every queue data of a broker name.
   *
   * @return the number of topics that broker name serves
   */
  public int changeWritePerm(String brokerName, boolean grant) {
    lock.writeLock().lock();
    try {
      int count = 0;
      for (TreeMap<String, QueueData> byBroker : state.topicQueues.values()) {
        QueueData qd = byBroker.get(brokerName);
        if (qd != null) {
          int perm = grant ? qd.perm() | Perm.WRITE : qd.perm() & ~Perm.WRITE;
          byBroker.put(brokerName, qd.withPerm(perm));
          count++;
        }
      }
      if (count > 0) {
        generation++;
      }
      return count;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Answers a broker's {@code QUERY_DATA_VERSION}: refreshes its liveness and returns the version
   * stored for it.
   *
   * @return the stored version, or empty when the broker is unknown or registered none
   */
  public Optional<DataVersion> touchAndGetDataVersion(BrokerAddrKey key, long nowMillis) {
    lock.writeLock().lock();
    try {
      BrokerLiveInfo info = state.live.get(key);
      if (info == null) {
        return Optional.empty();
      }
      state.live.put(key, info.touchedAt(nowMillis));
      return Optional.ofNullable(info.dataVersion());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Sets a topic's queue data for broker names that are registered, as on
   * {@code REGISTER_TOPIC_IN_NAMESRV}; entries for unknown broker names are ignored.
   *
   * @return the number of entries applied
   */
  public int registerTopic(String topic, List<QueueData> queueDatas) {
    lock.writeLock().lock();
    try {
      int applied = 0;
      for (QueueData qd : queueDatas) {
        if (state.brokers.containsKey(qd.brokerName())) {
          QueueData prev = state.topicQueues.computeIfAbsent(topic, k -> new TreeMap<>()).put(qd.brokerName(), qd);
          if (!qd.equals(prev)) {
            generation++;
          }
          applied++;
        }
      }
      return applied;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Refreshes the liveness of a registered broker address, as on {@code BROKER_HEARTBEAT}.
   *
   * @return false when the address is not registered
   */
  public boolean touch(BrokerAddrKey key, long nowMillis) {
    lock.writeLock().lock();
    try {
      BrokerLiveInfo info = state.live.get(key);
      if (info == null) {
        return false;
      }
      state.live.put(key, info.touchedAt(nowMillis));
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A copy of the liveness table. */
  public Map<BrokerAddrKey, BrokerLiveInfo> liveBrokers() {
    lock.readLock().lock();
    try {
      return Map.copyOf(state.live);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Cluster names and broker names (the "system topics" of {@code GET_SYSTEM_TOPIC_LIST_FROM_NS}). */
  public Set<String> clusterAndBrokerNames() {
    lock.readLock().lock();
    try {
      return state.clusterAndBrokerNames();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The address of some state.live master (or any address when no master exists), or null. */
  public String anyBrokerAddr() {
    lock.readLock().lock();
    try {
      return state.anyBrokerAddr();
    } finally {
      lock.readLock().unlock();
    }
  }
}
