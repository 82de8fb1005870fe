package io.apogeemq.broker.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Default {@code brokerIP1}: the first public IPv4 address of an up, non-loopback interface,
 * else the last private one, else {@code 127.0.0.1} (the RocketMQ rule, without IPv6).
 */
final class LocalAddress {

  private LocalAddress() {}

  static String detect() {
    String privateCandidate = null;
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || nif.isVirtual()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (!(a instanceof Inet4Address) || a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            continue;
          }
          if (a.isSiteLocalAddress()) {
            privateCandidate = a.getHostAddress();
          } else {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      return "127.0.0.1";
    }
    return privateCandidate != null ? privateCandidate : "127.0.0.1";
  }
}
