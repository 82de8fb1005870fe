package io.apogeemq.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumer groups by name, fed by heartbeats and emptied by unregistration, closed connections and
 * silence. A group disappears with its last member.
 *
 * <p>Thread-safety: safe for any number of threads. The group map is concurrent; a group's own
 * state is guarded by the group. Adding to and removing an empty group go through
 * {@link ConcurrentHashMap#compute} so a heartbeat racing with the removal of the group's last member
 * is never lost.
 */
public final class ConsumerRegistry {

  private final Map<String, ConsumerGroup> groups = new ConcurrentHashMap<>();

  /** Applies one consumer group of a heartbeat; returns what changed in the group. */
  public ConsumerGroup.Change register(ClientChannel client, ConsumerData data) {
    ConsumerGroup.Change[] change = new ConsumerGroup.Change[1];
    groups.compute(data.group(), (name, group) -> {
      ConsumerGroup g = group == null ? new ConsumerGroup(name) : group;
      change[0] = g.register(client, data);
      return g;
    });
    return change[0];
  }

  /** Removes one client from one group (UNREGISTER_CLIENT); returns whether it was a member. */
  public boolean unregister(String group, String clientId) {
    boolean[] removed = new boolean[1];
    groups.computeIfPresent(group, (name, g) -> {
      removed[0] = g.removeClient(clientId);
      return g.isEmpty() ? null : g;
    });
    return removed[0];
  }

  /** Removes a closed connection from every group; returns the groups it was a member of. */
  public List<String> remove(Channel channel) {
    List<String> affected = new ArrayList<>();
    for (String name : List.copyOf(groups.keySet())) {
      groups.computeIfPresent(name, (n, g) -> {
        if (g.remove(channel)) {
          affected.add(n);
        }
        return g.isEmpty() ? null : g;
      });
    }
    return affected;
  }

  /**
   * Removes members whose last heartbeat is older than {@code deadlineMillis}; returns the removed
   * members by group.
   */
  public Map<String, List<ClientChannel>> removeSilentSince(long deadlineMillis) {
    Map<String, List<ClientChannel>> removed = new LinkedHashMap<>();
    for (String name : List.copyOf(groups.keySet())) {
      groups.computeIfPresent(name, (n, g) -> {
        List<ClientChannel> gone = g.removeSilentSince(deadlineMillis);
        if (!gone.isEmpty()) {
          removed.put(n, gone);
        }
        return g.isEmpty() ? null : g;
      });
    }
    return removed;
  }

  public Optional<ConsumerGroup> find(String group) {
    return Optional.ofNullable(groups.get(group));
  }

  /** The subscription (group, topic) registered by heartbeats, if any. */
  public Optional<SubscriptionData> subscription(String group, String topic) {
    ConsumerGroup g = groups.get(group);
    return g == null ? Optional.empty() : g.subscription(topic);
  }

  public List<String> groupNames() {
    return List.copyOf(groups.keySet());
  }
}
