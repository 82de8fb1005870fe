package io.apogeemq.namesrv;

import io.apogeemq.namesrv.config.LiveNamesrvConfig;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.namesrv.kv.KvConfigStore;
import io.apogeemq.namesrv.liveness.BrokerLivenessScanner;
import io.apogeemq.namesrv.processor.BrokerAdminProcessor;
import io.apogeemq.namesrv.processor.KvConfigProcessor;
import io.apogeemq.namesrv.processor.NamesrvCodes;
import io.apogeemq.namesrv.processor.NamesrvConfigProcessor;
import io.apogeemq.namesrv.processor.NamesrvDispatcher;
import io.apogeemq.namesrv.processor.RegisterBrokerProcessor;
import io.apogeemq.namesrv.processor.RouteQueryProcessor;
import io.apogeemq.namesrv.processor.TopicListProcessor;
import io.apogeemq.namesrv.route.RouteTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything a NameServer is except its network listener: route table, KV store, live configuration,
 * request dispatcher and liveness scanner, wired together.
 *
 * <p>{@link #open} loads the KV store; {@link #startScanner()} starts the liveness thread;
 * {@link #close()} stops it. Thread-safe after construction.
 */
public final class NamesrvServices implements AutoCloseable {

  private final LiveNamesrvConfig config;
  private final RouteTable routes;
  private final KvConfigStore kv;
  private final NamesrvDispatcher dispatcher;
  private final BrokerLivenessScanner scanner;

  private NamesrvServices(NamesrvConfig initial, Clock clock) throws IOException {
    this.config = new LiveNamesrvConfig(initial);
    this.routes = new RouteTable(initial.deleteTopicWithBrokerRegistration());
    this.kv = new KvConfigStore(Path.of(initial.kvConfigPath()));
    kv.load();
    this.dispatcher =
        NamesrvDispatcher.builder()
            .register(new RegisterBrokerProcessor(routes, kv, config, clock),
                NamesrvCodes.REGISTER_BROKER, NamesrvCodes.UNREGISTER_BROKER, NamesrvCodes.QUERY_DATA_VERSION,
                NamesrvCodes.REGISTER_TOPIC_IN_NAMESRV, NamesrvCodes.BROKER_HEARTBEAT)
            .register(new RouteQueryProcessor(routes, kv, config, clock),
                NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, NamesrvCodes.GET_BROKER_CLUSTER_INFO)
            .register(new TopicListProcessor(routes, config),
                NamesrvCodes.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, NamesrvCodes.GET_TOPICS_BY_CLUSTER,
                NamesrvCodes.GET_SYSTEM_TOPIC_LIST_FROM_NS, NamesrvCodes.GET_UNIT_TOPIC_LIST,
                NamesrvCodes.GET_HAS_UNIT_SUB_TOPIC_LIST, NamesrvCodes.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST)
            .register(new BrokerAdminProcessor(routes),
                NamesrvCodes.WIPE_WRITE_PERM_OF_BROKER, NamesrvCodes.ADD_WRITE_PERM_OF_BROKER,
                NamesrvCodes.DELETE_TOPIC_IN_NAMESRV)
            .register(new KvConfigProcessor(kv),
                NamesrvCodes.PUT_KV_CONFIG, NamesrvCodes.GET_KV_CONFIG, NamesrvCodes.DELETE_KV_CONFIG,
                NamesrvCodes.GET_KVLIST_BY_NAMESPACE)
            .register(new NamesrvConfigProcessor(config),
                NamesrvCodes.GET_NAMESRV_CONFIG, NamesrvCodes.UPDATE_NAMESRV_CONFIG)
            .build();
    this.scanner = new BrokerLivenessScanner(routes, clock, initial.scanNotActiveBrokerInterval());
  }

  /**
   * Builds the services and loads the KV store.
   *
   * @throws IOException when the KV file exists but cannot be read or parsed
   */
  public static NamesrvServices open(NamesrvConfig config, Clock clock) throws IOException {
    return new NamesrvServices(config, clock);
  }

  /** Starts the periodic liveness scan. */
  public void startScanner() {
    scanner.start();
  }

  public LiveNamesrvConfig config() {
    return config;
  }

  public RouteTable routes() {
    return routes;
  }

  public KvConfigStore kv() {
    return kv;
  }

  public NamesrvDispatcher dispatcher() {
    return dispatcher;
  }

  public BrokerLivenessScanner scanner() {
    return scanner;
  }

  @Override
  public void close() {
    scanner.close();
  }
}
