package io.apogeemq.broker;

import io.apogeemq.remoting.server.RemotingServer;
import io.netty.channel.Channel;

/**
 * One feature of the broker (send, pull, offsets, registration, ...) with its own lifecycle.
 * {@link BrokerServer} calls, in order: {@link #install} on every component (before the port is
 * bound), then {@link #start} on each in the order they were added (after the port is bound), and
 * at shutdown {@link #shutdown} in reverse order (before the port is closed and the store is
 * flushed).
 *
 * <p>A component owns the threads it starts and stops them in {@link #shutdown}; processor
 * executors created through {@link RemotingServer#newProcessorExecutor} are owned by the server.
 */
public interface BrokerComponent {

  /** Short name for logs. */
  String name();

  /** Registers this component's request processors. */
  default void install(RemotingServer server) {}

  /** Starts background work. Requests may already arrive. */
  default void start(BrokerEndpoint endpoint) {}

  /** Stops background work and persists what must survive a restart. Must not throw. */
  default void shutdown() {}

  /**
   * A client connection closed (or went idle and was closed). Called on the server's event thread,
   * in order; must be quick and must not throw.
   */
  default void channelClosed(Channel channel) {}
}
