package io.apogeemq.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A host field of a message record: raw IP bytes (4 or 16) and a port.
 *
 * <p>Immutable. The IP bytes are copied in and never handed out, so instances can be shared
 * freely between threads and cached (a broker has one store host for its whole life).
 */
public final class MessageHost {

  private final byte[] ip;
  private final int port;

  private MessageHost(byte[] ip, int port) {
    this.ip = ip;
    this.port = port;
  }

  /** A host from raw IP bytes (length 4 or 16) and a port. */
  public static MessageHost of(byte[] ip, int port) {
    if (ip.length != 4 && ip.length != 16) {
      throw new IllegalArgumentException("IP address must have 4 or 16 bytes, got " + ip.length);
    }
    return new MessageHost(ip.clone(), port);
  }

  /** A host from a resolved socket address. */
  public static MessageHost of(InetSocketAddress address) {
    InetAddress inet = address.getAddress();
    if (inet == null) {
      throw new IllegalArgumentException("unresolved address " + address);
    }
    return new MessageHost(inet.getAddress(), address.getPort());
  }

  /** Reads a host of {@code ipLength} IP bytes plus an int32 port at the buffer's position. */
  public static MessageHost read(ByteBuffer src, int ipLength) {
    byte[] ip = new byte[ipLength];
    src.get(ip);
    return new MessageHost(ip, src.getInt());
  }

  /** Writes IP bytes then the int32 port at the buffer's position. */
  public void writeTo(ByteBuffer dst) {
    dst.put(ip);
    dst.putInt(port);
  }

  /** Writes IP bytes then the port as upper-case hex (the offset message id prefix). */
  void appendHex(StringBuilder sb) {
    HexFormat hex = HexFormat.of().withUpperCase();
    hex.formatHex(sb, ip);
    sb.append(hex.toHexDigits(port));
  }

  public boolean isIpv6() {
    return ip.length == 16;
  }

  /** Bytes this host occupies in a record: 8 (IPv4) or 20 (IPv6). */
  public int encodedLength() {
    return ip.length + 4;
  }

  public int port() {
    return port;
  }

  /** A copy of the IP bytes. */
  public byte[] ip() {
    return ip.clone();
  }

  public InetSocketAddress toSocketAddress() {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("impossible: IP of length " + ip.length, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageHost other && port == other.port && Arrays.equals(ip, other.ip);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ip) + port;
  }

  @Override
  public String toString() {
    return toSocketAddress().getAddress().getHostAddress() + ":" + port;
  }
}
