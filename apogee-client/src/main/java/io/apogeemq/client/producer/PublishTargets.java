package io.apogeemq.client.producer;

import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.RouteCache;
import io.apogeemq.client.internal.TopicRoute;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.name.NameRules;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a producer may send each topic: the writable queues of its route, or — while the
 * NameServer knows no route — the {@code TBW102} template's brokers with
 * {@code min(defaultTopicQueueNums, readQueueNums)} queues each, so the first send auto-creates
 * the topic (semantics.md §1.2). While on the template, the real route is re-asked at most once a
 * second.
 *
 * <p>Thread-safe: immutable targets in a concurrent map, rebuilt when the route object changes.
 */
final class PublishTargets {

  /** The queues and the route they came from. */
  record Target(TopicRoute route, List<MessageQueue> queues, boolean template, long createdMillis) {}

  private final RouteCache routes;
  private final int defaultTopicQueueNums;
  private final Clock clock;
  private final ConcurrentHashMap<String, Target> targets = new ConcurrentHashMap<>();

  PublishTargets(RouteCache routes, int defaultTopicQueueNums, Clock clock) {
    this.routes = routes;
    this.defaultTopicQueueNums = defaultTopicQueueNums;
    this.clock = clock;
  }

  /** The target of {@code topic}; completes at once when the route is cached. */
  CompletableFuture<Target> target(String topic) {
    Target t = targets.get(topic);
    if (t != null) {
      TopicRoute current = routes.cached(topic);
      if (!t.template() && current == t.route()) {
        return CompletableFuture.completedFuture(t);
      }
      if (t.template()) {
        if (current != null) {
          return CompletableFuture.completedFuture(remember(topic, current, false));
        }
        if (clock.millis() - t.createdMillis() > 1_000) {
          targets.put(topic, new Target(t.route(), t.queues(), true, clock.millis()));
          routes.fetch(topic);
        }
        return CompletableFuture.completedFuture(t);
      }
      if (current != null) {
        return CompletableFuture.completedFuture(remember(topic, current, false));
      }
    }
    return routes.route(topic).thenCompose(route -> {
      if (route.isPresent()) {
        return CompletableFuture.completedFuture(remember(topic, route.get(), false));
      }
      return routes.route(NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC).thenApply(template ->
          remember(topic, template.orElseThrow(() -> new ClientException("topic '" + topic
              + "' does not exist and the brokers do not allow auto-creation (no route for "
              + NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC + ")")), true));
    });
  }

  private Target remember(String topic, TopicRoute route, boolean template) {
    List<MessageQueue> queues;
    if (template) {
      List<MessageQueue> all = new java.util.ArrayList<>();
      for (TopicRoute.QueueData q : route.queueDatas()) {
        if ((q.perm() & TopicRoute.PERM_WRITE) == 0 || route.masterAddress(q.brokerName()) == null) {
          continue;
        }
        int n = Math.min(defaultTopicQueueNums, q.readQueueNums());
        for (int i = 0; i < n; i++) {
          all.add(new MessageQueue(topic, q.brokerName(), i));
        }
      }
      queues = List.copyOf(all);
    } else {
      queues = route.publishQueues(topic, Integer.MAX_VALUE);
    }
    if (queues.isEmpty()) {
      throw new ClientException("topic '" + topic + "' has no writable queue with a master in "
          + "its route " + route);
    }
    Target t = new Target(route, queues, template, clock.millis());
    targets.put(topic, t);
    return t;
  }

  /** Forgets a cached target (e.g. after the broker said the topic is gone). */
  void invalidate(String topic) {
    targets.remove(topic);
  }

  static Optional<String> master(Target t, MessageQueue q) {
    return Optional.ofNullable(t.route().masterAddress(q.brokerName()));
  }
}
