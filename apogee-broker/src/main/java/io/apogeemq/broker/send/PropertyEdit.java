package io.apogeemq.broker.send;

import io.apogeemq.common.message.MessageProperties;
import java.util.Map;

/**
 * Adds or replaces one property of an encoded properties string ({@code name\u0001value\u0002}
 * pairs, messages.md §2) without decoding the whole string when the name is absent — the usual
 * case on the send path.
 */
final class PropertyEdit {

  private PropertyEdit() {}

  /** {@code encoded} with {@code name=value}, replacing an earlier value of {@code name}. */
  static String put(String encoded, String name, String value) {
    if (MessageProperties.find(encoded, name) != null) {
      Map<String, String> map = MessageProperties.decode(encoded);
      map.put(name, value);
      return MessageProperties.encode(map);
    }
    StringBuilder sb = new StringBuilder(encoded.length() + name.length() + value.length() + 3);
    sb.append(encoded);
    if (!encoded.isEmpty() && encoded.charAt(encoded.length() - 1)
        != MessageProperties.PROPERTY_SEPARATOR) {
      sb.append(MessageProperties.PROPERTY_SEPARATOR);
    }
    sb.append(name).append(MessageProperties.NAME_VALUE_SEPARATOR).append(value)
        .append(MessageProperties.PROPERTY_SEPARATOR);
    return sb.toString();
  }
}
