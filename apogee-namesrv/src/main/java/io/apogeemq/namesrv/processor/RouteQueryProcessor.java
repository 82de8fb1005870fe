package io.apogeemq.namesrv.processor;

import io.apogeemq.namesrv.config.LiveNamesrvConfig;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.namesrv.kv.KvConfigStore;
import io.apogeemq.namesrv.route.RouteTable;
import io.apogeemq.namesrv.route.TopicRoute;
import io.apogeemq.namesrv.wire.RouteEncoder;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET_ROUTEINFO_BY_TOPIC} (105) and {@code GET_BROKER_CLUSTER_INFO} (106).
 *
 * <p>Routes are the hot path (every client asks for every topic every 30 s), so the encoded JSON of
 * each topic is cached together with the route-table and KV-store generations it was built from;
 * any registration change or KV change makes the entry stale and it is rebuilt on the next query.
 * The answer is always standard JSON (quoted map keys), which every client version parses.
 *
 * <p>Thread-safe: the cache is a concurrent map of immutable entries; a racing rebuild is harmless.
 */
public final class RouteQueryProcessor implements RequestProcessor {

  /** The cache is dropped when it grows past this many topics (deleted topics leave entries). */
  static final int MAX_CACHED_ROUTES = 200_000;

  private final RouteTable routes;
  private final KvConfigStore kv;
  private final LiveNamesrvConfig config;
  private final Clock clock;
  private final long startMillis;
  private final ConcurrentHashMap<String, CachedRoute> cache = new ConcurrentHashMap<>();

  private record CachedRoute(long routeGeneration, long kvGeneration, boolean orderEnabled, byte[] json) {}

  public RouteQueryProcessor(RouteTable routes, KvConfigStore kv, LiveNamesrvConfig config, Clock clock) {
    this.routes = Objects.requireNonNull(routes);
    this.kv = Objects.requireNonNull(kv);
    this.config = Objects.requireNonNull(config);
    this.clock = Objects.requireNonNull(clock);
    this.startMillis = clock.millis();
  }

  @Override
  public NamesrvReply process(NamesrvRequest request) throws BadRequestException {
    return switch (request.code()) {
      case NamesrvCodes.GET_ROUTEINFO_BY_TOPIC -> route(request);
      case NamesrvCodes.GET_BROKER_CLUSTER_INFO -> NamesrvReply.success(RouteEncoder.clusterInfo(routes.clusterInfo()));
      default -> throw new IllegalArgumentException("not a route request: " + request.code());
    };
  }

  private NamesrvReply route(NamesrvRequest r) throws BadRequestException {
    String topic = r.required("topic");
    NamesrvConfig cfg = config.get();
    if (cfg.needWaitForService() && clock.millis() - startMillis < cfg.waitSecondsForService() * 1000L) {
      return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "name server not ready");
    }
    long routeGen = routes.generation();
    long kvGen = kv.generation();
    boolean order = cfg.orderMessageEnable();
    CachedRoute cached = cache.get(topic);
    if (cached != null && cached.routeGeneration == routeGen && cached.kvGeneration == kvGen && cached.orderEnabled == order) {
      return NamesrvReply.success(cached.json);
    }
    Optional<TopicRoute> route = routes.route(topic);
    if (route.isEmpty()) {
      cache.remove(topic);
      return NamesrvReply.error(
          NamesrvCodes.TOPIC_NOT_EXIST, "No topic route info in name server for the topic: " + topic);
    }
    String orderConf = order ? kv.get(NamesrvCodes.ORDER_TOPIC_CONFIG, topic).orElse(null) : null;
    byte[] json = RouteEncoder.topicRoute(route.get(), orderConf);
    if (cache.size() >= MAX_CACHED_ROUTES) {
      cache.clear();
    }
    cache.put(topic, new CachedRoute(routeGen, kvGen, order, json));
    return NamesrvReply.success(json);
  }
}
