package io.apogeemq.remoting.client;

import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.apogeemq.remoting.dispatch.RemotingHook;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.RemotingConnectException;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.exception.RemotingTimeoutException;
import io.apogeemq.remoting.netty.Endpoint;
import io.apogeemq.remoting.netty.PipelineInitializer;
import io.apogeemq.remoting.netty.Transport;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remoting client: one shared connection per remote {@code ip:port}, opened on first use and
 * re-opened on the next call after it closed; sync, async and oneway requests with timeouts and a
 * bound on outstanding requests; processors for requests the server sends back (transaction checks,
 * consumer notifications).
 *
 * <p>Lifecycle: construct, register processors and hooks, {@link #start()}, ...,
 * {@link #shutdown()}. Threads: {@code ioThreads} I/O threads ({@code apogee-<name>-io-<n>}), an
 * event thread when a listener is given and owned processor executors.
 *
 * <p>Thread-safe.
 */
public final class RemotingClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RemotingClient.class);

  private final String name;
  private final RemotingClientConfig config;
  private final Endpoint endpoint;
  private final Transport transport;
  private final ConcurrentHashMap<String, ChannelFuture> channels = new ConcurrentHashMap<>();
  private volatile Bootstrap bootstrap;
  private EventLoopGroup ioGroup;
  private volatile boolean stopped;

  /**
   * @param name short name used in thread names and logs, e.g. {@code producer}
   * @param listener connection events, or {@code null}
   */
  public RemotingClient(String name, RemotingClientConfig config, ChannelEventListener listener) {
    this.name = name;
    this.config = config;
    this.transport = Transport.select(config.preferEpoll());
    this.endpoint = new Endpoint("apogee-" + name, listener, config.maxOutstandingAsync(),
        config.maxOutstandingOneway(), false);
  }

  /** Runs {@code processor} for server-initiated requests of {@code code} on {@code executor}. */
  public void registerProcessor(int code, RequestProcessor processor, Executor executor) {
    endpoint.registry().register(code, processor, executor);
  }

  /** A bounded processor executor owned (and shut down) by this client. */
  public ThreadPoolExecutor newProcessorExecutor(String executorName, int threads,
      int queueCapacity) {
    return endpoint.newOwnedExecutor(name + "-" + executorName, threads, queueCapacity);
  }

  /** Adds a hook that runs before every request is sent and when its response arrives. */
  public void addHook(RemotingHook hook) {
    endpoint.hooks().add(hook);
  }

  /** Starts the I/O threads; connections open lazily. */
  public synchronized void start() {
    if (bootstrap != null || stopped) {
      throw new IllegalStateException("client " + name + " already started or stopped");
    }
    ioGroup = transport.newGroup(config.ioThreads(), "apogee-" + name + "-io");
    bootstrap = new Bootstrap()
        .group(ioGroup)
        .channel(transport.channelClass())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, false)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis())
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .handler(new PipelineInitializer(config.maxFrameLength(), config.idleSeconds(),
            endpoint.handler()));
  }

  /** Sends {@code request} to {@code address} ({@code host:port}) and waits for its response. */
  public RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis)
      throws RemotingException, InterruptedException {
    long start = System.nanoTime();
    Channel channel = channel(address, timeoutMillis);
    long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (left <= 0) {
      throw new RemotingTimeoutException("connecting to " + address + " used up the timeout of "
          + timeoutMillis + " ms for request code " + request.code());
    }
    try {
      return endpoint.invoker().invokeSync(channel, request, left);
    } catch (RemotingTimeoutException e) {
      if (config.closeChannelOnTimeout()) {
        LOG.info("closing connection {} after a request timed out", address);
        channel.close();
      }
      throw e;
    }
  }

  /**
   * Sends {@code request} to {@code address}; the future completes with the response (on an I/O
   * thread) or a {@link RemotingException}. Connecting, when needed, happens on the caller's thread.
   */
  public CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request,
      long timeoutMillis) {
    Channel channel;
    try {
      channel = channel(address, timeoutMillis);
    } catch (RemotingException e) {
      return CompletableFuture.failedFuture(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      // e.g. waiting for a connect on an I/O thread, or the client is not running
      return CompletableFuture.failedFuture(e);
    }
    return endpoint.invoker().invokeAsync(channel, request, timeoutMillis);
  }

  /** Sends {@code request} to {@code address} as oneway; returns once it is queued for writing. */
  public void invokeOneway(String address, RemotingCommand request, long timeoutMillis)
      throws RemotingException, InterruptedException {
    endpoint.invoker().invokeOneway(channel(address, timeoutMillis), request);
  }

  /**
   * The open connection to {@code address}, connecting (waiting at most {@code timeoutMillis}) when
   * there is none or the previous one closed.
   */
  public Channel channel(String address, long timeoutMillis)
      throws RemotingConnectException, InterruptedException {
    Bootstrap current = bootstrap;
    if (current == null || stopped) {
      throw new IllegalStateException("client " + name + " is not running");
    }
    ChannelFuture future = channels.get(address);
    if (future != null && future.isDone()
        && (!future.isSuccess() || !future.channel().isActive())) {
      channels.remove(address, future);
      future = null;
    }
    if (future == null) {
      InetSocketAddress target;
      try {
        target = parse(address);
      } catch (IllegalArgumentException e) {
        throw new RemotingConnectException(address, e);
      }
      future = channels.computeIfAbsent(address, addr -> connect(current, addr, target));
    }
    if (!future.await(Math.min(timeoutMillis, config.connectTimeoutMillis()))) {
      throw new RemotingConnectException(address, new RemotingTimeoutException(
          "connect not finished within " + Math.min(timeoutMillis, config.connectTimeoutMillis())
              + " ms"));
    }
    if (!future.isSuccess()) {
      channels.remove(address, future);
      throw new RemotingConnectException(address, future.cause());
    }
    return future.channel();
  }

  private ChannelFuture connect(Bootstrap current, String address, InetSocketAddress target) {
    ChannelFuture future = current.connect(target);
    Channel channel = future.channel();
    // registered from a queued task so it can never run inside computeIfAbsent, even when the
    // connect fails at once on the calling I/O thread
    channel.eventLoop().execute(() ->
        channel.closeFuture().addListener(closed -> channels.remove(address, future)));
    return future;
  }

  /** Closes the connection to {@code address}, if any; the next call reconnects. */
  public void closeChannel(String address) {
    ChannelFuture future = channels.remove(address);
    if (future != null) {
      future.channel().close();
    }
  }

  /** Number of requests waiting for a response. */
  public int pendingRequests() {
    return endpoint.pending().size();
  }

  /** The transport in use. */
  public Transport transport() {
    return transport;
  }

  static InetSocketAddress parse(String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("address '" + address + "' is not host:port");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address '" + address + "' has no numeric port");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("address '" + address + "' has port out of range");
    }
    return new InetSocketAddress(host, port);
  }

  /** Closes all connections, fails waiting requests and stops all threads. Idempotent. */
  public synchronized void shutdown() {
    if (stopped) {
      return;
    }
    stopped = true;
    long timeout = config.shutdownTimeoutMillis();
    try {
      for (ChannelFuture future : channels.values()) {
        future.channel().close();
      }
      channels.clear();
      endpoint.pending().failAll("client " + name + " shutting down");
      endpoint.shutdownExecutors(timeout);
      if (ioGroup != null) {
        ioGroup.shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeout);
      }
      endpoint.shutdownEvents(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (ioGroup != null) {
        ioGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() {
    shutdown();
  }
}
