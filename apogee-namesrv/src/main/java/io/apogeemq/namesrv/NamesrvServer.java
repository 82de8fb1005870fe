package io.apogeemq.namesrv;

import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.namesrv.processor.NamesrvCodes;
import io.apogeemq.namesrv.route.BrokerAddrKey;
import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.remoting.server.RemotingServerConfig;
import io.netty.channel.Channel;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running NameServer: {@link NamesrvServices} behind a remoting server.
 *
 * <p>Threads: the remoting server's acceptor, I/O and connection-event threads
 * ({@code apogee-namesrv-*}); a bounded pool of {@code defaultThreadPoolNums} threads for broker and
 * admin requests; the liveness scanner. Route and cluster queries run directly on the I/O threads:
 * they only read the route table (usually a cache hit) and never block on I/O. A closed connection
 * removes the brokers registered over it at once.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once (idempotent); thread-safe.
 */
public final class NamesrvServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NamesrvServer.class);
  private static final int QUEUE_CAPACITY = 10_000;

  private final NamesrvServices services;
  private final RemotingServer server;
  private boolean started;
  private boolean closed;

  private NamesrvServer(NamesrvServices services, RemotingServerConfig remotingConfig) {
    this.services = services;
    this.server = new RemotingServer("namesrv", remotingConfig, new ConnectionWatcher());
    RemotingAdapter adapter = new RemotingAdapter(services.dispatcher());
    NamesrvConfig cfg = services.config().get();
    ThreadPoolExecutor pool = server.newProcessorExecutor("request", cfg.defaultThreadPoolNums(), QUEUE_CAPACITY);
    server.registerDefaultProcessor(adapter, pool);
    server.registerDirectProcessor(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, adapter);
    server.registerDirectProcessor(NamesrvCodes.GET_BROKER_CLUSTER_INFO, adapter);
  }

  /**
   * Builds a server for {@code config} (port 0 picks a free port), loading the KV store.
   *
   * @throws IOException when the KV store file cannot be read
   */
  public static NamesrvServer create(NamesrvConfig config, Clock clock) throws IOException {
    RemotingServerConfig remoting =
        RemotingServerConfig.defaults(config.listenPort()).withBindAddress(config.bindAddress());
    return new NamesrvServer(NamesrvServices.open(config, clock), remoting);
  }

  /** Binds the port and starts the liveness scan. */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException("NameServer already started or closed");
    }
    started = true;
    server.start();
    services.startScanner();
    LOG.info("Apogee NameServer listening on {}:{}", services.config().get().bindAddress(), server.port());
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** The route table, KV store, configuration and dispatcher behind this server. */
  public NamesrvServices services() {
    return services;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    services.close();
    LOG.info("Apogee NameServer stopped");
  }

  /** Removes the brokers of a connection as soon as it closes. */
  private final class ConnectionWatcher implements ChannelEventListener {
    @Override
    public void onClose(String peer, Channel channel) {
      List<BrokerAddrKey> removed = services.routes().removeConnection(channel);
      for (BrokerAddrKey key : removed) {
        LOG.info("Connection {} closed: broker {} of cluster {} removed from routes", peer, key.brokerAddr(), key.cluster());
      }
    }
  }
}
