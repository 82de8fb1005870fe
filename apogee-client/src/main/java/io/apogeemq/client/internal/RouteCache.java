package io.apogeemq.client.internal;

import io.apogeemq.client.ClientException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes of the topics this client uses, kept fresh by {@link #refreshAll()} (called by the
 * runtime's scheduler). A lookup answers from the cache when it can; a miss asks the NameServers,
 * and concurrent misses for one topic share one request.
 *
 * <p>Thread-safe: routes are immutable values in a concurrent map.
 */
public final class RouteCache {

  private static final Logger LOG = LoggerFactory.getLogger(RouteCache.class);

  private final NameServerClient namesrv;
  private final ConcurrentHashMap<String, TopicRoute> routes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Optional<TopicRoute>>> inFlight =
      new ConcurrentHashMap<>();
  private final Set<BiConsumer<String, TopicRoute>> listeners = ConcurrentHashMap.newKeySet();

  public RouteCache(NameServerClient namesrv) {
    this.namesrv = namesrv;
  }

  /** Called (on the scheduler or an I/O thread) whenever a topic's route changes. */
  public void addListener(BiConsumer<String, TopicRoute> listener) {
    listeners.add(listener);
  }

  /** The cached route, or {@code null}. */
  public TopicRoute cached(String topic) {
    return routes.get(topic);
  }

  /** Every cached route. */
  public Map<String, TopicRoute> snapshot() {
    return Map.copyOf(routes);
  }

  /** The route of {@code topic}: cached, or fetched; empty when no broker serves it. */
  public CompletableFuture<Optional<TopicRoute>> route(String topic) {
    TopicRoute r = routes.get(topic);
    if (r != null) {
      return CompletableFuture.completedFuture(Optional.of(r));
    }
    return fetch(topic);
  }

  /** Asks the NameServers now, updating the cache. */
  public CompletableFuture<Optional<TopicRoute>> fetch(String topic) {
    CompletableFuture<Optional<TopicRoute>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<TopicRoute>> existing = inFlight.putIfAbsent(topic, mine);
    if (existing != null) {
      return existing;
    }
    namesrv.route(topic).whenComplete((route, error) -> {
      inFlight.remove(topic, mine);
      if (error != null) {
        mine.completeExceptionally(error);
        return;
      }
      route.ifPresent(r -> {
        TopicRoute old = routes.put(topic, r);
        if (!r.equals(old)) {
          LOG.debug("route of {} changed: {}", topic, r);
          listeners.forEach(l -> l.accept(topic, r));
        }
      });
      mine.complete(route);
    });
    return mine;
  }

  /** Re-reads every cached topic's route; failures are logged and the old route kept. */
  public void refreshAll() {
    for (String topic : routes.keySet()) {
      fetch(topic).whenComplete((r, e) -> {
        if (e != null) {
          LOG.warn("refreshing route of topic {} failed, keeping the old one: {}", topic,
              e.getMessage());
        }
      });
    }
  }

  /** Blocks for the route; throws a {@link ClientException} when there is none or no answer. */
  public TopicRoute require(String topic, long timeoutMillis) {
    try {
      return route(topic).get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)
          .orElseThrow(() -> new ClientException("topic '" + topic
              + "' has no route: no broker serves it (NameServers " + namesrv.addresses() + ")"));
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof ClientException c ? c
          : new ClientException("route of topic '" + topic + "' failed", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ClientException("route of topic '" + topic + "' not answered within "
          + timeoutMillis + " ms by " + namesrv.addresses());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted while looking up the route of '" + topic + "'", e);
    }
  }
}
