package io.apogeemq.broker.lock;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which client of a consumer group holds each queue for orderly consumption (semantics.md §8.1).
 *
 * <p>A queue is granted to a client when nobody holds it, when that client already holds it (which
 * refreshes the lock), or when the holder's lock has expired ({@code maxLiveMillis} without a
 * refresh) or the holder is no longer a member of the group (it unregistered or its heartbeats
 * stopped). So within one group a queue never has two live holders. A lock also remembers the
 * connection it was taken over, so a closed connection releases exactly the locks taken through it
 * and not those its client has meanwhile re-taken over a new one.
 *
 * <p>Thread-safety: safe for any number of threads. Each group's locks change atomically under
 * {@link ConcurrentHashMap#compute}, so two clients racing for a queue see one winner.
 */
public final class QueueLockTable {

  /** Whether a client id is currently a live member of a group. */
  @FunctionalInterface
  public interface Membership {
    boolean isMember(String group, String clientId);
  }

  private record Holder(String clientId, Object connection, long lastLockedMillis) {}

  private final Clock clock;
  private final long maxLiveMillis;
  private final Membership membership;
  private final Map<String, Map<QueueAddress, Holder>> groups = new ConcurrentHashMap<>();

  /**
   * @param maxLiveMillis a lock not refreshed for longer than this is free for others
   * @param membership asked only when another client's lock is in the way
   */
  public QueueLockTable(Clock clock, long maxLiveMillis, Membership membership) {
    if (maxLiveMillis <= 0) {
      throw new IllegalArgumentException("lock max live time must be positive: " + maxLiveMillis);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxLiveMillis = maxLiveMillis;
    this.membership = Objects.requireNonNull(membership, "membership");
  }

  /**
   * Locks (or refreshes) each queue for {@code clientId} unless another live client holds it.
   *
   * @param connection the connection the request came over (any identity token; released by
   *     {@link #releaseConnection})
   * @return the requested queues now held by {@code clientId}, in request order
   */
  public Set<QueueAddress> lock(String group, String clientId, Object connection,
      Collection<QueueAddress> queues) {
    Set<QueueAddress> granted = new LinkedHashSet<>();
    long now = clock.millis();
    groups.compute(group, (g, locks) -> {
      Map<QueueAddress, Holder> m = locks == null ? new HashMap<>() : locks;
      for (QueueAddress q : queues) {
        Holder h = m.get(q);
        if (h == null || h.clientId.equals(clientId) || expired(h, now)
            || !membership.isMember(group, h.clientId)) {
          m.put(q, new Holder(clientId, connection, now));
          granted.add(q);
        }
      }
      return m.isEmpty() ? null : m;
    });
    return granted;
  }

  /** Releases those of {@code queues} that {@code clientId} holds; returns how many. */
  public int unlock(String group, String clientId, Collection<QueueAddress> queues) {
    int[] released = new int[1];
    groups.computeIfPresent(group, (g, m) -> {
      for (QueueAddress q : queues) {
        Holder h = m.get(q);
        if (h != null && h.clientId.equals(clientId)) {
          m.remove(q);
          released[0]++;
        }
      }
      return m.isEmpty() ? null : m;
    });
    return released[0];
  }

  /** Releases every lock of {@code clientId} in {@code group}; returns how many. */
  public int releaseClient(String group, String clientId) {
    int[] released = new int[1];
    groups.computeIfPresent(group, (g, m) -> {
      int before = m.size();
      m.values().removeIf(h -> h.clientId.equals(clientId));
      released[0] = before - m.size();
      return m.isEmpty() ? null : m;
    });
    return released[0];
  }

  /** Releases every lock taken over {@code connection}; returns how many. */
  public int releaseConnection(Object connection) {
    int released = 0;
    for (String group : List.copyOf(groups.keySet())) {
      int[] n = new int[1];
      groups.computeIfPresent(group, (g, m) -> {
        int before = m.size();
        m.values().removeIf(h -> h.connection == connection);
        n[0] = before - m.size();
        return m.isEmpty() ? null : m;
      });
      released += n[0];
    }
    return released;
  }

  /** The client holding a live lock on {@code queue} for {@code group}, if any. */
  public Optional<String> holder(String group, QueueAddress queue) {
    Map<QueueAddress, Holder> m = groups.get(group);
    if (m == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    Holder[] h = new Holder[1];
    groups.computeIfPresent(group, (g, locks) -> {
      h[0] = locks.get(queue);
      return locks;
    });
    return h[0] == null || expired(h[0], now) ? Optional.empty() : Optional.of(h[0].clientId);
  }

  /** Whether any client of {@code group} holds a live (not expired) lock on this broker. */
  public boolean groupHoldsLiveLock(String group) {
    if (!groups.containsKey(group)) {
      return false;
    }
    long now = clock.millis();
    boolean[] any = new boolean[1];
    groups.computeIfPresent(group, (g, m) -> {
      for (Holder h : m.values()) {
        if (!expired(h, now)) {
          any[0] = true;
          break;
        }
      }
      return m;
    });
    return any[0];
  }

  /** The queues {@code clientId} holds live locks on in {@code group} (a copy). */
  public List<QueueAddress> lockedBy(String group, String clientId) {
    long now = clock.millis();
    List<QueueAddress> out = new ArrayList<>();
    groups.computeIfPresent(group, (g, m) -> {
      m.forEach((q, h) -> {
        if (h.clientId.equals(clientId) && !expired(h, now)) {
          out.add(q);
        }
      });
      return m;
    });
    return out;
  }

  private boolean expired(Holder h, long now) {
    return now - h.lastLockedMillis > maxLiveMillis;
  }
}
