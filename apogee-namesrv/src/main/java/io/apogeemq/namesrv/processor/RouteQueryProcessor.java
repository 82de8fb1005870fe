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

/**
 * {@code GET_ROUTEINFO_BY_TOPIC} (105) and {@code GET_BROKER_CLUSTER_INFO} (106).
 *
 * <p>Routes are the hot path (every client asks for every topic every 30 s). Each answer is built
 * from a read-locked snapshot of the route table and encoded by {@link RouteEncoder}, which reuses
 * the text of each broker name's addresses; whole routes are deliberately not cached (with 10,000
 * topics on 10 brokers that cache would cost ~20 MiB of heap to save ~2 µs per query). The answer is
 * always standard JSON (quoted map keys), which every client version parses.
 *
 * <p>Thread-safe (no state of its own besides the start time).
 */
public final class RouteQueryProcessor implements RequestProcessor {

  private final RouteTable routes;
  private final KvConfigStore kv;
  private final LiveNamesrvConfig config;
  private final Clock clock;
  private final long startMillis;

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
    Optional<TopicRoute> route = routes.route(topic);
    if (route.isEmpty()) {
      return NamesrvReply.error(
          NamesrvCodes.TOPIC_NOT_EXIST, "No topic route info in name server for the topic: " + topic);
    }
    String orderConf = cfg.orderMessageEnable() ? kv.get(NamesrvCodes.ORDER_TOPIC_CONFIG, topic).orElse(null) : null;
    return NamesrvReply.success(RouteEncoder.topicRoute(route.get(), orderConf));
  }
}
