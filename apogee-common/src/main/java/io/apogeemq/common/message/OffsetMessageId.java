package io.apogeemq.common.message;

import java.util.HexFormat;

/**
 * The server-generated offset message id (messages.md §5.1):
 * {@code hex(storeHostIP || int32 port || int64 commitLogOffset)}, upper case; 32 hex characters
 * for IPv4, 56 for IPv6.
 *
 * @param storeHost the broker that stores the message
 * @param commitLogOffset physical offset of the record
 */
public record OffsetMessageId(MessageHost storeHost, long commitLogOffset) {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** Builds the id string. */
  public static String encode(MessageHost storeHost, long commitLogOffset) {
    StringBuilder sb = new StringBuilder(storeHost.isIpv6() ? 56 : 32);
    storeHost.appendHex(sb);
    sb.append(HEX.toHexDigits(commitLogOffset));
    return sb.toString();
  }

  /**
   * Parses an id string. Length 32 means IPv4, 56 IPv6.
   *
   * @throws IllegalArgumentException when the text is not an offset message id (wrong length, not
   *     hex, or a port outside 0..65535 — which is how a unique key is told apart)
   */
  public static OffsetMessageId decode(String id) {
    int ipLength;
    if (id.length() == 32) {
      ipLength = 4;
    } else if (id.length() == 56) {
      ipLength = 16;
    } else {
      throw new IllegalArgumentException("offset message id must have 32 or 56 hex chars: " + id);
    }
    byte[] bytes;
    try {
      bytes = HEX.parseHex(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("offset message id is not hex: " + id, e);
    }
    byte[] ip = java.util.Arrays.copyOf(bytes, ipLength);
    int port = java.nio.ByteBuffer.wrap(bytes, ipLength, 4).getInt();
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("not an offset message id (port " + port + "): " + id);
    }
    long offset = java.nio.ByteBuffer.wrap(bytes, ipLength + 4, 8).getLong();
    return new OffsetMessageId(MessageHost.of(ip, port), offset);
  }

  /** The id string. */
  public String encode() {
    return encode(storeHost, commitLogOffset);
  }
}
