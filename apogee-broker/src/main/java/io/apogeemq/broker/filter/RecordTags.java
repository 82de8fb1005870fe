package io.apogeemq.broker.filter;

import io.apogeemq.common.message.MessageMagic;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.RecordLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code TAGS} property of a stored message record (messages.md §1) without decoding the
 * rest, so the broker can drop consume-queue hash collisions before answering a pull.
 *
 * <p>Stateless and thread-safe; never moves the buffer's position.
 */
public final class RecordTags {

  private RecordTags() {}

  /**
   * The tag of the record that starts at {@code buffer.position()}, or {@code null} when it has none
   * or the record is too short to hold its declared fields.
   */
  public static String tagOf(ByteBuffer buffer) {
    int base = buffer.position();
    int end = buffer.limit();
    if (end - base < RecordLayout.SYS_FLAG + 4) {
      return null;
    }
    int magic = buffer.getInt(base + RecordLayout.MAGIC);
    int sysFlag = buffer.getInt(base + RecordLayout.SYS_FLAG);
    int at = base + RecordLayout.bodyLengthOffset(sysFlag);
    if (at + 4 > end) {
      return null;
    }
    at += 4 + buffer.getInt(at);
    int width = MessageMagic.topicLengthWidth(magic);
    if (at + width > end || at < base) {
      return null;
    }
    int topicLength = width == 1 ? buffer.get(at) & 0xFF : buffer.getShort(at) & 0xFFFF;
    at += width + topicLength;
    if (at + 2 > end) {
      return null;
    }
    int propertiesLength = buffer.getShort(at) & 0xFFFF;
    at += 2;
    if (propertiesLength == 0 || at + propertiesLength > end) {
      return null;
    }
    byte[] properties = new byte[propertiesLength];
    buffer.get(at, properties);
    return MessageProperties.find(new String(properties, StandardCharsets.UTF_8), PropertyKeys.TAGS);
  }
}
