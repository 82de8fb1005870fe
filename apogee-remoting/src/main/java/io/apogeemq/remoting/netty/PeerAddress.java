package io.apogeemq.remoting.netty;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The remote {@code ip:port} of a channel, computed once and cached on the channel; used in every
 * log line and error about a connection.
 *
 * <p>Thread-safe (a race computes the same text twice).
 */
public final class PeerAddress {

  private static final AttributeKey<String> KEY = AttributeKey.valueOf("apogee.peer");

  private PeerAddress() {}

  public static String of(Channel channel) {
    if (channel == null) {
      return "<no channel>";
    }
    String cached = channel.attr(KEY).get();
    if (cached != null) {
      return cached;
    }
    SocketAddress address = channel.remoteAddress();
    if (address == null) {
      return "<unconnected>";
    }
    String text = format(address);
    channel.attr(KEY).set(text);
    return text;
  }

  /** {@code ip:port} for an inet address, {@code toString()} otherwise. */
  public static String format(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      String host = inet.getAddress() == null ? inet.getHostString()
          : inet.getAddress().getHostAddress();
      return host + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
