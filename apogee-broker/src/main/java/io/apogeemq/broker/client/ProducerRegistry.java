package io.apogeemq.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Producer groups and the connections of their client instances (used to find a producer to ask
 * about a transaction, and by connection-list admin queries).
 *
 * <p>Thread-safety: safe for any number of threads (concurrent maps; empty groups are removed with
 * {@link ConcurrentHashMap#computeIfPresent}).
 */
public final class ProducerRegistry {

  private final Map<String, Map<Channel, ClientChannel>> groups = new ConcurrentHashMap<>();

  public void register(String group, ClientChannel client) {
    groups.compute(group, (name, members) -> {
      Map<Channel, ClientChannel> m = members == null ? new ConcurrentHashMap<>() : members;
      m.put(client.channel(), client);
      return m;
    });
  }

  public boolean unregister(String group, String clientId) {
    boolean[] removed = new boolean[1];
    groups.computeIfPresent(group, (name, members) -> {
      removed[0] = members.values().removeIf(c -> c.clientId().equals(clientId));
      return members.isEmpty() ? null : members;
    });
    return removed[0];
  }

  /** Removes a closed connection from every group; returns how many memberships it had. */
  public int remove(Channel channel) {
    int[] count = new int[1];
    for (String name : List.copyOf(groups.keySet())) {
      groups.computeIfPresent(name, (n, members) -> {
        if (members.remove(channel) != null) {
          count[0]++;
        }
        return members.isEmpty() ? null : members;
      });
    }
    return count[0];
  }

  /** Removes members silent since before {@code deadlineMillis}; returns them. */
  public List<ClientChannel> removeSilentSince(long deadlineMillis) {
    List<ClientChannel> gone = new ArrayList<>();
    for (String name : List.copyOf(groups.keySet())) {
      groups.computeIfPresent(name, (n, members) -> {
        members.values().removeIf(c -> {
          if (c.lastHeartbeatMillis() < deadlineMillis) {
            gone.add(c);
            return true;
          }
          return false;
        });
        return members.isEmpty() ? null : members;
      });
    }
    return gone;
  }

  public List<ClientChannel> members(String group) {
    Map<Channel, ClientChannel> m = groups.get(group);
    return m == null ? List.of() : List.copyOf(m.values());
  }

  /** An active connection of the group, if any. */
  public Optional<ClientChannel> anyActive(String group) {
    return members(group).stream().filter(c -> c.channel().isActive()).findFirst();
  }

  public List<String> groupNames() {
    return List.copyOf(groups.keySet());
  }
}
