package io.apogeemq.remoting.client;

import io.apogeemq.remoting.codec.FrameCodec;

/**
 * Settings of a {@link RemotingClient}.
 *
 * @param ioThreads I/O (event loop) threads shared by all connections
 * @param connectTimeoutMillis bound on establishing one connection
 * @param maxFrameLength largest accepted frame length L; a longer frame closes the connection
 * @param idleSeconds a connection with no read and no write for this long is closed; 0 disables
 * @param preferEpoll use native epoll where available (NIO otherwise)
 * @param maxOutstandingAsync bound on async requests waiting for a response
 * @param maxOutstandingOneway bound on oneway requests not yet written
 * @param closeChannelOnTimeout close a connection when a sync request on it times out (the
 *     official client's default), so a dead peer is noticed at once
 * @param shutdownTimeoutMillis how long shutdown waits for threads to stop
 */
public record RemotingClientConfig(
    int ioThreads,
    int connectTimeoutMillis,
    int maxFrameLength,
    int idleSeconds,
    boolean preferEpoll,
    int maxOutstandingAsync,
    int maxOutstandingOneway,
    boolean closeChannelOnTimeout,
    long shutdownTimeoutMillis) {

  public RemotingClientConfig {
    if (ioThreads < 1 || connectTimeoutMillis < 1 || maxFrameLength < 8 || idleSeconds < 0
        || maxOutstandingAsync < 1 || maxOutstandingOneway < 1 || shutdownTimeoutMillis < 0) {
      throw new IllegalArgumentException("invalid client config: ioThreads=" + ioThreads
          + ", connectTimeoutMillis=" + connectTimeoutMillis + ", maxFrameLength="
          + maxFrameLength + ", idleSeconds=" + idleSeconds + ", maxOutstandingAsync="
          + maxOutstandingAsync + ", maxOutstandingOneway=" + maxOutstandingOneway);
    }
  }

  /** Defaults close to the official client: 3 s connect, 120 s idle, 65,535 async and oneway. */
  public static RemotingClientConfig defaults() {
    return new RemotingClientConfig(Math.max(1, Math.min(4,
        Runtime.getRuntime().availableProcessors())), 3_000, FrameCodec.DEFAULT_MAX_FRAME_LENGTH,
        120, true, 65_535, 65_535, false, 5_000);
  }

  public RemotingClientConfig withIoThreads(int value) {
    return new RemotingClientConfig(value, connectTimeoutMillis, maxFrameLength, idleSeconds,
        preferEpoll, maxOutstandingAsync, maxOutstandingOneway, closeChannelOnTimeout,
        shutdownTimeoutMillis);
  }

  public RemotingClientConfig withConnectTimeoutMillis(int value) {
    return new RemotingClientConfig(ioThreads, value, maxFrameLength, idleSeconds,
        preferEpoll, maxOutstandingAsync, maxOutstandingOneway, closeChannelOnTimeout,
        shutdownTimeoutMillis);
  }

  public RemotingClientConfig withMaxOutstandingAsync(int value) {
    return new RemotingClientConfig(ioThreads, connectTimeoutMillis, maxFrameLength, idleSeconds,
        preferEpoll, value, maxOutstandingOneway, closeChannelOnTimeout, shutdownTimeoutMillis);
  }

  public RemotingClientConfig withMaxOutstandingOneway(int value) {
    return new RemotingClientConfig(ioThreads, connectTimeoutMillis, maxFrameLength, idleSeconds,
        preferEpoll, maxOutstandingAsync, value, closeChannelOnTimeout, shutdownTimeoutMillis);
  }

  public RemotingClientConfig withIdleSeconds(int value) {
    return new RemotingClientConfig(ioThreads, connectTimeoutMillis, maxFrameLength, value,
        preferEpoll, maxOutstandingAsync, maxOutstandingOneway, closeChannelOnTimeout,
        shutdownTimeoutMillis);
  }

  public RemotingClientConfig withPreferEpoll(boolean value) {
    return new RemotingClientConfig(ioThreads, connectTimeoutMillis, maxFrameLength, idleSeconds,
        value, maxOutstandingAsync, maxOutstandingOneway, closeChannelOnTimeout,
        shutdownTimeoutMillis);
  }

  public RemotingClientConfig withCloseChannelOnTimeout(boolean value) {
    return new RemotingClientConfig(ioThreads, connectTimeoutMillis, maxFrameLength, idleSeconds,
        preferEpoll, maxOutstandingAsync, maxOutstandingOneway, value, shutdownTimeoutMillis);
  }

  public RemotingClientConfig withMaxFrameLength(int value) {
    return new RemotingClientConfig(ioThreads, connectTimeoutMillis, value, idleSeconds,
        preferEpoll, maxOutstandingAsync, maxOutstandingOneway, closeChannelOnTimeout,
        shutdownTimeoutMillis);
  }

  public RemotingClientConfig withShutdownTimeoutMillis(long value) {
    return new RemotingClientConfig(ioThreads, connectTimeoutMillis, maxFrameLength, idleSeconds,
        preferEpoll, maxOutstandingAsync, maxOutstandingOneway, closeChannelOnTimeout, value);
  }
}
