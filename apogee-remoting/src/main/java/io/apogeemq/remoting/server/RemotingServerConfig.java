package io.apogeemq.remoting.server;

import io.apogeemq.remoting.codec.FrameCodec;
import java.util.List;

/**
 * Settings of a {@link RemotingServer}.
 *
 * @param bindAddress interface to listen on ({@code 0.0.0.0} for all)
 * @param port main port; 0 picks a free one (see {@link RemotingServer#port()})
 * @param additionalPorts more ports served identically (a broker's main−2 "fast" port); best-effort:
 *     one that cannot be bound is logged and skipped (the main port must bind)
 * @param ioThreads I/O (event loop) threads
 * @param maxFrameLength largest accepted frame length L; a longer frame closes its connection
 * @param idleSeconds a connection with no read and no write for this long is closed; 0 disables
 * @param preferEpoll use native epoll where available (NIO otherwise)
 * @param maxOutstandingAsync bound on async requests the server sends to clients
 * @param maxOutstandingOneway bound on unwritten oneway requests the server sends to clients
 * @param shutdownTimeoutMillis how long shutdown waits for in-flight requests
 */
public record RemotingServerConfig(
    String bindAddress,
    int port,
    List<Integer> additionalPorts,
    int ioThreads,
    int maxFrameLength,
    int idleSeconds,
    boolean preferEpoll,
    int maxOutstandingAsync,
    int maxOutstandingOneway,
    long shutdownTimeoutMillis) {

  public RemotingServerConfig {
    additionalPorts = List.copyOf(additionalPorts);
    if (ioThreads < 1 || maxFrameLength < 8 || idleSeconds < 0 || maxOutstandingAsync < 1
        || maxOutstandingOneway < 1 || shutdownTimeoutMillis < 0) {
      throw new IllegalArgumentException("invalid server config: ioThreads=" + ioThreads
          + ", maxFrameLength=" + maxFrameLength + ", idleSeconds=" + idleSeconds
          + ", maxOutstandingAsync=" + maxOutstandingAsync + ", maxOutstandingOneway="
          + maxOutstandingOneway + ", shutdownTimeoutMillis=" + shutdownTimeoutMillis);
    }
  }

  /** Defaults: all interfaces, the given port, 120 s idle, 16 MiB + 64 KiB frames, epoll. */
  public static RemotingServerConfig defaults(int port) {
    return new RemotingServerConfig("0.0.0.0", port, List.of(),
        Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())),
        FrameCodec.DEFAULT_MAX_FRAME_LENGTH, 120, true, 65_535, 65_535, 5_000);
  }

  public RemotingServerConfig withBindAddress(String value) {
    return new RemotingServerConfig(value, port, additionalPorts, ioThreads, maxFrameLength,
        idleSeconds, preferEpoll, maxOutstandingAsync, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withAdditionalPorts(List<Integer> value) {
    return new RemotingServerConfig(bindAddress, port, value, ioThreads, maxFrameLength,
        idleSeconds, preferEpoll, maxOutstandingAsync, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withIoThreads(int value) {
    return new RemotingServerConfig(bindAddress, port, additionalPorts, value, maxFrameLength,
        idleSeconds, preferEpoll, maxOutstandingAsync, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withMaxFrameLength(int value) {
    return new RemotingServerConfig(bindAddress, port, additionalPorts, ioThreads, value,
        idleSeconds, preferEpoll, maxOutstandingAsync, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withIdleSeconds(int value) {
    return new RemotingServerConfig(bindAddress, port, additionalPorts, ioThreads, maxFrameLength,
        value, preferEpoll, maxOutstandingAsync, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withPreferEpoll(boolean value) {
    return new RemotingServerConfig(bindAddress, port, additionalPorts, ioThreads, maxFrameLength,
        idleSeconds, value, maxOutstandingAsync, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withShutdownTimeoutMillis(long value) {
    return new RemotingServerConfig(bindAddress, port, additionalPorts, ioThreads, maxFrameLength,
        idleSeconds, preferEpoll, maxOutstandingAsync, maxOutstandingOneway, value);
  }

  public RemotingServerConfig withPort(int value) {
    return new RemotingServerConfig(bindAddress, value, additionalPorts, ioThreads, maxFrameLength,
        idleSeconds, preferEpoll, maxOutstandingAsync, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withMaxOutstandingAsync(int value) {
    return new RemotingServerConfig(bindAddress, port, additionalPorts, ioThreads, maxFrameLength,
        idleSeconds, preferEpoll, value, maxOutstandingOneway, shutdownTimeoutMillis);
  }

  public RemotingServerConfig withMaxOutstandingOneway(int value) {
    return new RemotingServerConfig(bindAddress, port, additionalPorts, ioThreads, maxFrameLength,
        idleSeconds, preferEpoll, maxOutstandingAsync, value, shutdownTimeoutMillis);
  }
}
