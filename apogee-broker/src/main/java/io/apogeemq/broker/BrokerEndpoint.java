package io.apogeemq.broker;

import io.apogeemq.common.message.MessageHost;
import java.net.InetSocketAddress;

/**
 * Where this broker is reachable, known once the remoting server has bound its port.
 *
 * @param ip advertised address ({@code brokerIP1})
 * @param port bound remoting port
 * @param storeHost the same address as written into message records and offset message ids
 */
public record BrokerEndpoint(String ip, int port, MessageHost storeHost) {

  public static BrokerEndpoint of(String ip, int port) {
    return new BrokerEndpoint(ip, port, MessageHost.of(new InetSocketAddress(ip, port)));
  }

  /** {@code ip:port}, the broker address in routes and registrations. */
  public String addr() {
    return ip + ":" + port;
  }
}
