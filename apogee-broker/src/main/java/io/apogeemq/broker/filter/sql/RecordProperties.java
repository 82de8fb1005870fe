package io.apogeemq.broker.filter.sql;

import io.apogeemq.common.message.MessageMagic;
import io.apogeemq.common.message.RecordLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The properties of a stored message record (messages.md §1), read in place: the properties region
 * is found from the record's header fields (the body is skipped, never read) and a property is
 * found by comparing its UTF-8 name with the stored bytes ({@code name 0x01 value 0x02}). Only the
 * values a filter asks for become strings.
 *
 * <p>Not thread-safe; never moves the buffer's position. A record too short for its declared
 * fields has no properties.
 */
public final class RecordProperties implements PropertySource {

  private static final byte NAME_VALUE = 1;
  private static final byte PAIR_END = 2;

  private final ByteBuffer buffer;
  private final int start;
  private final int end;

  private RecordProperties(ByteBuffer buffer, int start, int end) {
    this.buffer = buffer;
    this.start = start;
    this.end = end;
  }

  /** The properties of the record that starts at {@code record.position()}. */
  public static RecordProperties of(ByteBuffer record) {
    int base = record.position();
    int limit = record.limit();
    if (limit - base < RecordLayout.SYS_FLAG + 4) {
      return new RecordProperties(record, 0, 0);
    }
    int magic = record.getInt(base + RecordLayout.MAGIC);
    int sysFlag = record.getInt(base + RecordLayout.SYS_FLAG);
    int at = base + RecordLayout.bodyLengthOffset(sysFlag);
    if (at + 4 > limit) {
      return new RecordProperties(record, 0, 0);
    }
    at += 4 + record.getInt(at);
    int width = MessageMagic.topicLengthWidth(magic);
    if (at < base || at + width > limit) {
      return new RecordProperties(record, 0, 0);
    }
    int topicLength = width == 1 ? record.get(at) & 0xFF : record.getShort(at) & 0xFFFF;
    at += width + topicLength;
    if (at + 2 > limit) {
      return new RecordProperties(record, 0, 0);
    }
    int length = record.getShort(at) & 0xFFFF;
    at += 2;
    if (at + length > limit) {
      return new RecordProperties(record, 0, 0);
    }
    return new RecordProperties(record, at, at + length);
  }

  @Override
  public String get(String name, byte[] utf8Name) {
    int pair = start;
    int n = utf8Name.length;
    while (pair < end) {
      int sep = pair + n;
      if (sep < end && buffer.get(sep) == NAME_VALUE && nameAt(pair, utf8Name)) {
        int valueEnd = sep + 1;
        while (valueEnd < end && buffer.get(valueEnd) != PAIR_END) {
          valueEnd++;
        }
        if (valueEnd == sep + 1) {
          return null;
        }
        byte[] value = new byte[valueEnd - sep - 1];
        buffer.get(sep + 1, value);
        return new String(value, StandardCharsets.UTF_8);
      }
      while (pair < end && buffer.get(pair) != PAIR_END) {
        pair++;
      }
      pair++;
    }
    return null;
  }

  private boolean nameAt(int at, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (buffer.get(at + i) != name[i]) {
        return false;
      }
    }
    return true;
  }
}
