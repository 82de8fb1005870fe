package io.apogeemq.namesrv.processor;

import java.util.Map;

/**
 * A request as the processors see it, independent of the transport.
 *
 * @param code request code
 * @param version the sender's protocol version
 * @param fields header {@code extFields} (never null)
 * @param body body bytes, or null
 * @param connection identity of the connection it arrived on (for liveness), or null
 * @param peer remote address for log messages
 */
public record NamesrvRequest(
    int code, int version, Map<String, String> fields, byte[] body, Object connection, String peer) {

  public NamesrvRequest {
    fields = fields == null ? Map.of() : fields;
  }

  /** A header value that must be present and non-empty. */
  public String required(String key) throws BadRequestException {
    String v = fields.get(key);
    if (v == null || v.isEmpty()) {
      throw new BadRequestException("request code " + code + " misses required header field '" + key + "'");
    }
    return v;
  }

  /** A header value, or null. */
  public String optional(String key) {
    return fields.get(key);
  }

  /** A required {@code long} header value. */
  public long requiredLong(String key) throws BadRequestException {
    String v = required(key);
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException("request code " + code + ": header field '" + key + "' is not a number: '" + v + "'");
    }
  }

  /** An optional {@code long} header value. */
  public long optionalLong(String key, long absent) throws BadRequestException {
    String v = fields.get(key);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException("request code " + code + ": header field '" + key + "' is not a number: '" + v + "'");
    }
  }

  /** An optional boolean header value ({@code "true"}, case-insensitive, is true). */
  public boolean flag(String key) {
    return Boolean.parseBoolean(fields.get(key));
  }
}
