package io.apogeemq.remoting.server;

import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.apogeemq.remoting.dispatch.RemotingHook;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.netty.Endpoint;
import io.apogeemq.remoting.netty.PipelineInitializer;
import io.apogeemq.remoting.netty.Transport;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remoting server: accepts connections, dispatches requests by code to registered processors and
 * can send requests to connected clients (the broker asks producers and consumers things).
 *
 * <p>Lifecycle: construct, register processors and hooks, {@link #start()}, ...,
 * {@link #shutdown()}. Processors may also be registered after start. Threads: one acceptor
 * thread, {@code ioThreads} I/O threads ({@code apogee-<name>-io-<n>}), one event thread when a
 * listener is given, and the processor executors ({@link #newProcessorExecutor} ones are owned and
 * stopped by the server). Shutdown stops accepting, lets owned executors finish the requests they
 * hold (bounded by {@code shutdownTimeoutMillis}), closes every connection and stops all threads.
 *
 * <p>Thread-safe.
 */
public final class RemotingServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RemotingServer.class);
  /**
   * Outbound bytes queued on one connection above which the server stops reading it, until they
   * drain below {@link #WRITE_LOW_WATER_MARK}: a client that sends requests without reading the
   * responses is throttled instead of filling the server's memory.
   */
  public static final int WRITE_HIGH_WATER_MARK = 8 * 1024 * 1024;
  public static final int WRITE_LOW_WATER_MARK = 2 * 1024 * 1024;

  private final String name;
  private final RemotingServerConfig config;
  private final Endpoint endpoint;
  private final Transport transport;
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
  private final List<Channel> listeners = new ArrayList<>();
  private EventLoopGroup acceptGroup;
  private EventLoopGroup ioGroup;
  private boolean started;
  private boolean stopped;

  /**
   * @param name short name used in thread names and logs, e.g. {@code namesrv}
   * @param listener connection events, or {@code null}
   */
  public RemotingServer(String name, RemotingServerConfig config, ChannelEventListener listener) {
    this.name = name;
    this.config = config;
    this.transport = Transport.select(config.preferEpoll());
    this.endpoint = new Endpoint("apogee-" + name, listener, config.maxOutstandingAsync(),
        config.maxOutstandingOneway(), true);
  }

  /** Runs {@code processor} for {@code code} on {@code executor} (owned by the caller). */
  public void registerProcessor(int code, RequestProcessor processor, Executor executor) {
    endpoint.registry().register(code, processor, executor);
  }

  /**
   * Runs {@code processor} for {@code code} directly on the connection's I/O thread: only for
   * processors that never block and finish in microseconds.
   */
  public void registerDirectProcessor(int code, RequestProcessor processor) {
    endpoint.registry().register(code, processor, null);
  }

  /** Handles every code that has no processor of its own ({@code null} executor: I/O thread). */
  public void registerDefaultProcessor(RequestProcessor processor, Executor executor) {
    endpoint.registry().registerDefault(processor, executor);
  }

  /**
   * A bounded executor ({@code threads} threads named {@code apogee-<name>-<n>}, a queue of
   * {@code queueCapacity}) that the server shuts down; when its queue is full, requests get
   * {@code SYSTEM_BUSY}.
   */
  public ThreadPoolExecutor newProcessorExecutor(String executorName, int threads,
      int queueCapacity) {
    return endpoint.newOwnedExecutor(name + "-" + executorName, threads, queueCapacity);
  }

  /** Adds a hook that runs around every received request and every request sent to clients. */
  public void addHook(RemotingHook hook) {
    endpoint.hooks().add(hook);
  }

  /**
   * Binds the main port and the additional ports.
   *
   * @throws IllegalStateException when already started or a port cannot be bound
   */
  public synchronized void start() {
    if (started || stopped) {
      throw new IllegalStateException("server " + name + " already started or stopped");
    }
    started = true;
    acceptGroup = transport.newGroup(1, "apogee-" + name + "-accept");
    ioGroup = transport.newGroup(config.ioThreads(), "apogee-" + name + "-io");
    PipelineInitializer pipeline = new PipelineInitializer(config.maxFrameLength(),
        config.idleSeconds(), endpoint.handler());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(acceptGroup, ioGroup)
        .channel(transport.serverChannelClass())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, false)
        .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(WRITE_LOW_WATER_MARK, WRITE_HIGH_WATER_MARK))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            connections.add(channel);
            channel.closeFuture().addListener(future -> connections.remove(channel));
            channel.pipeline().addLast(pipeline);
          }
        });
    List<Integer> ports = new ArrayList<>();
    ports.add(config.port());
    ports.addAll(config.additionalPorts());
    try {
      for (int port : ports) {
        ChannelFuture bind = bootstrap.bind(config.bindAddress(), port).awaitUninterruptibly();
        if (!bind.isSuccess()) {
          if (!listeners.isEmpty()) {
            // An additional port is best-effort: the main port serves everything.
            LOG.warn("server {} cannot listen on additional port {}:{} ({}); serving without it",
                name, config.bindAddress(), port, bind.cause() == null ? "?"
                    : bind.cause().getMessage());
            continue;
          }
          throw new IllegalStateException("server " + name + " cannot listen on "
              + config.bindAddress() + ":" + port + ": " + bind.cause(), bind.cause());
        }
        listeners.add(bind.channel());
      }
    } catch (IllegalStateException e) {
      shutdown();
      throw e;
    }
    LOG.info("server {} listening on {} ({} transport)", name, ports(), transport);
  }

  /** The main port actually bound (useful when configured with port 0). */
  public synchronized int port() {
    return ports().get(0);
  }

  /** Every port bound, main port first. */
  public synchronized List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (Channel channel : listeners) {
      ports.add(((InetSocketAddress) channel.localAddress()).getPort());
    }
    return ports;
  }

  /** The transport in use. */
  public Transport transport() {
    return transport;
  }

  /** Number of open client connections. */
  public int connectionCount() {
    return connections.size();
  }

  /** Sends a request to a connected client and waits for its response. */
  public RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
      throws RemotingException, InterruptedException {
    return endpoint.invoker().invokeSync(channel, request, timeoutMillis);
  }

  /** Sends a request to a connected client; the future completes on an I/O thread. */
  public CompletableFuture<RemotingCommand> invokeAsync(Channel channel, RemotingCommand request,
      long timeoutMillis) {
    return endpoint.invoker().invokeAsync(channel, request, timeoutMillis);
  }

  /** Sends a oneway request to a connected client. */
  public void invokeOneway(Channel channel, RemotingCommand request) throws RemotingException {
    endpoint.invoker().invokeOneway(channel, request);
  }

  /** Stops the server gracefully (see the class description). Idempotent. */
  public synchronized void shutdown() {
    if (stopped) {
      return;
    }
    stopped = true;
    long timeout = config.shutdownTimeoutMillis();
    try {
      for (Channel listener : listeners) {
        listener.close().awaitUninterruptibly(timeout);
      }
      endpoint.shutdownExecutors(timeout);
      endpoint.pending().failAll("server " + name + " shutting down");
      for (Channel connection : connections) {
        connection.close();
      }
      if (started) {
        ioGroup.shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeout);
        acceptGroup.shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS)
            .awaitUninterruptibly(timeout);
      }
      endpoint.shutdownEvents(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (started) {
        ioGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        acceptGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      }
    }
    LOG.info("server {} stopped", name);
  }

  @Override
  public void close() {
    shutdown();
  }
}
