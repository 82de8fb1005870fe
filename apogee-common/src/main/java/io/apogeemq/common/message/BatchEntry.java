package io.apogeemq.common.message;

import java.util.Objects;

/**
 * One message of a {@code SEND_BATCH_MESSAGE} body (messages.md §6).
 *
 * @param properties the encoded properties string of that message
 */
public record BatchEntry(int flag, byte[] body, String properties) {

  public BatchEntry {
    Objects.requireNonNull(body, "body");
    properties = properties == null ? "" : properties;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchEntry e && flag == e.flag && java.util.Arrays.equals(body, e.body)
        && properties.equals(e.properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(flag, properties) ^ java.util.Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "BatchEntry[flag=" + flag + ", bodyLength=" + body.length + "]";
  }
}
