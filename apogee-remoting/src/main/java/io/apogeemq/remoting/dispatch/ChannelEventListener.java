package io.apogeemq.remoting.dispatch;

import io.netty.channel.Channel;

/**
 * Learns when connections open, close, go idle or fail; e.g. the NameServer drops a broker's routes
 * as soon as its connection closes. {@code peer} is the remote {@code ip:port}.
 *
 * <p>Events are delivered in order on one dedicated thread of the endpoint, never on an I/O thread;
 * a slow listener delays only other events. An idle or failed connection is closed by the remoting
 * layer, so {@link #onClose} always follows.
 */
public interface ChannelEventListener {

  default void onConnect(String peer, Channel channel) {}

  default void onClose(String peer, Channel channel) {}

  default void onIdle(String peer, Channel channel) {}

  default void onException(String peer, Channel channel, Throwable cause) {}
}
