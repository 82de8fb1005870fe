package io.apogeemq.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live members of one consumer group and the subscriptions they registered.
 *
 * <p>Subscriptions are per group, not per client: a heartbeat replaces a topic's subscription only
 * with a newer {@code subVersion}, adds topics it names and removes topics it does not name (as the
 * official broker does). Membership or selection changes are reported to the caller so it can tell
 * the group's members; a mere version bump with the same expression is not a change (several clients
 * of one group carry different versions of the same subscription).
 *
 * <p>Thread-safety: all methods are synchronized on the instance; heartbeats are rare.
 */
public final class ConsumerGroup {

  private final String name;
  private final Map<Channel, ClientChannel> members = new LinkedHashMap<>();
  private final Map<String, SubscriptionData> subscriptions = new LinkedHashMap<>();
  private String consumeType;
  private String messageModel = ConsumerData.CLUSTERING;
  private String consumeFromWhere;

  public ConsumerGroup(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Applies a heartbeat; returns which parts changed. */
  public synchronized Change register(ClientChannel client, ConsumerData data) {
    consumeType = data.consumeType();
    messageModel = data.messageModel();
    consumeFromWhere = data.consumeFromWhere();
    ClientChannel previous = members.put(client.channel(), client);
    boolean membership = previous == null || !previous.clientId().equals(client.clientId());
    boolean selection = updateSubscriptions(data.subscriptions());
    return new Change(membership, selection);
  }

  private boolean updateSubscriptions(List<SubscriptionData> incoming) {
    boolean changed = false;
    Set<String> named = new HashSet<>();
    for (SubscriptionData sub : incoming) {
      named.add(sub.topic());
      SubscriptionData old = subscriptions.get(sub.topic());
      if (old == null) {
        subscriptions.put(sub.topic(), sub);
        changed = true;
      } else if (sub.subVersion() > old.subVersion()) {
        subscriptions.put(sub.topic(), sub);
        changed |= !sub.sameSelection(old);
      }
    }
    changed |= subscriptions.keySet().retainAll(named);
    return changed;
  }

  /** Removes a member's connection; returns whether it was a member. */
  public synchronized boolean remove(Channel channel) {
    return members.remove(channel) != null;
  }

  /** Removes the member with this client id; returns whether there was one. */
  public synchronized boolean removeClient(String clientId) {
    return members.values().removeIf(c -> c.clientId().equals(clientId));
  }

  /** Removes members whose last heartbeat is older than {@code deadlineMillis}; returns them. */
  public synchronized List<ClientChannel> removeSilentSince(long deadlineMillis) {
    List<ClientChannel> gone = new ArrayList<>();
    members.values().removeIf(c -> {
      if (c.lastHeartbeatMillis() < deadlineMillis) {
        gone.add(c);
        return true;
      }
      return false;
    });
    return gone;
  }

  public synchronized boolean isEmpty() {
    return members.isEmpty();
  }

  /** Client ids of the live members, in registration order. */
  public synchronized List<String> clientIds() {
    List<String> ids = new ArrayList<>(members.size());
    for (ClientChannel c : members.values()) {
      ids.add(c.clientId());
    }
    return ids;
  }

  public synchronized List<ClientChannel> members() {
    return List.copyOf(members.values());
  }

  public synchronized Optional<SubscriptionData> subscription(String topic) {
    return Optional.ofNullable(subscriptions.get(topic));
  }

  public synchronized List<SubscriptionData> subscriptions() {
    return List.copyOf(subscriptions.values());
  }

  public synchronized String consumeType() {
    return consumeType;
  }

  public synchronized String messageModel() {
    return messageModel;
  }

  public synchronized String consumeFromWhere() {
    return consumeFromWhere;
  }

  public synchronized boolean broadcasting() {
    return ConsumerData.BROADCASTING.equals(messageModel);
  }

  /** What a heartbeat changed in a group. */
  public record Change(boolean membership, boolean subscriptions) {
    public boolean any() {
      return membership || subscriptions;
    }
  }
}
