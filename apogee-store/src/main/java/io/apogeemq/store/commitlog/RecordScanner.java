package io.apogeemq.store.commitlog;

import io.apogeemq.common.message.BodyCrc;
import io.apogeemq.common.message.MessageMagic;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.RecordLayout;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.message.TagHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Checks the CommitLog entry at a position (storage.md §3.5): a whole, consistent record, the end
 * filler, the unwritten tail, or corruption with the reason.
 *
 * <p>Stateless and thread-safe; works on absolute indexes, never moves buffer positions.
 */
public final class RecordScanner {

  /** What was found at a position. */
  public enum Kind {
    /** A valid record of {@code size} bytes. */
    RECORD,
    /** The BLANK filler: continue at the next segment. */
    BLANK,
    /** Zeros / not enough bytes: nothing more was written here. */
    END,
    /** Bytes that are not a valid record. */
    CORRUPT
  }

  /** Scan outcome. */
  public record Scan(Kind kind, int size, ScannedRecord record, String reason) {
    static final Scan BLANK = new Scan(Kind.BLANK, 0, null, null);
    static final Scan END = new Scan(Kind.END, 0, null, null);

    static Scan corrupt(String why) {
      return new Scan(Kind.CORRUPT, 0, null, why);
    }
  }

  private RecordScanner() {}

  /**
   * @param buf segment view, indexes relative to the segment start
   * @param pos where the entry starts
   * @param limit end of the readable bytes
   * @param expectedPhysicalOffset the CommitLog offset of {@code pos} (must match the record)
   */
  public static Scan scan(ByteBuffer buf, int pos, int limit, long expectedPhysicalOffset,
      boolean checkCrc) {
    if (pos + 8 > limit) {
      return Scan.END;
    }
    int size = buf.getInt(pos);
    int magic = buf.getInt(pos + 4);
    if (magic == MessageMagic.BLANK) {
      return Scan.BLANK;
    }
    if (size == 0 && magic == 0) {
      return Scan.END;
    }
    if (!MessageMagic.isRecord(magic)) {
      return Scan.corrupt("bad magic 0x" + Integer.toHexString(magic));
    }
    if (size < RecordLayout.BORN_HOST + 8 || pos + size > buf.capacity()) {
      return Scan.corrupt("TOTALSIZE " + size + " with " + (buf.capacity() - pos)
          + " bytes left in the segment");
    }
    if (pos + size > limit) {
      return Scan.END;
    }
    int sysFlag = buf.getInt(pos + RecordLayout.SYS_FLAG);
    int bodyLenAt = pos + RecordLayout.bodyLengthOffset(sysFlag);
    if (bodyLenAt + 4 > pos + size) {
      return Scan.corrupt("record of " + size + " bytes too short for its hosts");
    }
    int bodyLength = buf.getInt(bodyLenAt);
    int topicLenAt = bodyLenAt + 4 + bodyLength;
    if (bodyLength < 0 || topicLenAt + 2 > pos + size) {
      return Scan.corrupt("body length " + bodyLength + " in record of " + size);
    }
    int topicWidth = MessageMagic.topicLengthWidth(magic);
    int topicLength = topicWidth == 2 ? buf.getShort(topicLenAt) & 0xFFFF
        : buf.get(topicLenAt) & 0xFF;
    int propsLenAt = topicLenAt + topicWidth + topicLength;
    if (propsLenAt + 2 > pos + size) {
      return Scan.corrupt("topic length " + topicLength + " in record of " + size);
    }
    int propsLength = buf.getShort(propsLenAt);
    if (propsLength < 0 || propsLenAt + 2 + propsLength != pos + size) {
      return Scan.corrupt("field lengths add up to " + (propsLenAt + 2 + propsLength - pos)
          + ", TOTALSIZE says " + size);
    }
    long phys = buf.getLong(pos + RecordLayout.PHYSICAL_OFFSET);
    if (phys != expectedPhysicalOffset) {
      return Scan.corrupt("PHYSICALOFFSET field " + phys + " but the record sits at "
          + expectedPhysicalOffset);
    }
    if (checkCrc) {
      int crc = BodyCrc.of(buf, bodyLenAt + 4, bodyLength);
      int stored = buf.getInt(pos + RecordLayout.BODY_CRC);
      if (crc != stored) {
        return Scan.corrupt("body CRC " + crc + " does not match stored " + stored);
      }
    }
    String topic = utf8(buf, topicLenAt + topicWidth, topicLength);
    String props = utf8(buf, propsLenAt + 2, propsLength);
    String tags = MessageProperties.find(props, PropertyKeys.TAGS);
    ScannedRecord r = new ScannedRecord(topic, buf.getInt(pos + RecordLayout.QUEUE_ID),
        buf.getLong(pos + RecordLayout.QUEUE_OFFSET), phys, size,
        buf.getLong(pos + RecordLayout.storeTimestampOffset(sysFlag)), TagHash.of(tags),
        MessageProperties.find(props, PropertyKeys.KEYS),
        MessageProperties.find(props, PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX), sysFlag);
    return new Scan(Kind.RECORD, size, r, null);
  }

  private static String utf8(ByteBuffer buf, int at, int length) {
    byte[] b = new byte[length];
    buf.get(at, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** True when records of this sysFlag get a consume-queue entry. */
  public static boolean dispatchable(int sysFlag) {
    return SysFlag.isDispatchedToConsumeQueue(sysFlag);
  }
}
