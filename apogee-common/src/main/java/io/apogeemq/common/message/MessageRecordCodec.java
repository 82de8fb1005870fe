package io.apogeemq.common.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes full message records (messages.md §1). Big-endian throughout.
 *
 * <pre>
 * off  size        field
 *   0  4           TOTALSIZE (whole record)
 *   4  4           MAGICCODE  V1 0xDAA320A7 (int8 topic length) / V2 0xDAA320AB (int16)
 *   8  4           BODYCRC    CRC32(body) &amp; 0x7FFFFFFF
 *  12  4           QUEUEID
 *  16  4           FLAG
 *  20  8           QUEUEOFFSET
 *  28  8           PHYSICALOFFSET
 *  36  4           SYSFLAG    bit 0x10 / 0x20: born / store host is IPv6
 *  40  8           BORNTIMESTAMP
 *  48  8 | 20      BORNHOST   IP bytes + int32 port
 *   .  8           STORETIMESTAMP
 *   .  8 | 20      STOREHOST
 *   .  4           RECONSUMETIMES
 *   .  8           PREPARED TRANSACTION OFFSET
 *   .  4 + n       BODY       int32 length, bytes
 *   .  1|2 + t     TOPIC      int8 (V1) or int16 (V2) length, UTF-8
 *   .  2 + p       PROPERTIES int16 length, UTF-8 properties string
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageRecordCodec {

  private MessageRecordCodec() {}

  /** Encodes into a new heap buffer, flipped for reading. */
  public static ByteBuffer encode(MessageRecord r) {
    byte[] topic = r.topic().getBytes(StandardCharsets.UTF_8);
    byte[] props = r.properties().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(encodedLength(r.sysFlag(), r.body().length, topic, props));
    encodeTo(buf, r, topic, props);
    return buf.flip();
  }

  /** TOTALSIZE of a record, given the pre-encoded topic and properties bytes. */
  public static int encodedLength(int sysFlag, int bodyLength, byte[] topic, byte[] properties) {
    return RecordLayout.totalSize(sysFlag, bodyLength, topic.length, properties.length);
  }

  /**
   * Writes one record at the buffer's position using pre-encoded topic and properties bytes (so a
   * caller that already has them, like the store, does not encode twice).
   *
   * @throws IllegalArgumentException when a field does not fit its length field or the host bits
   *     of {@code sysFlag} disagree with the hosts
   */
  public static void encodeTo(ByteBuffer dst, MessageRecord r, byte[] topic, byte[] props) {
    encodeTo(dst, r.queueId(), r.flag(), r.queueOffset(), r.physicalOffset(), r.sysFlag(),
        r.bornTimestamp(), r.bornHost(), r.storeTimestamp(), r.storeHost(), r.reconsumeTimes(),
        r.preparedTransactionOffset(), r.bodyCrc(), r.body(), topic, props);
  }

  /**
   * Field-by-field variant of {@link #encodeTo(ByteBuffer, MessageRecord, byte[], byte[])} for hot
   * paths that do not want to build a {@link MessageRecord} first.
   */
  public static void encodeTo(ByteBuffer dst, int queueId, int flag, long queueOffset,
      long physicalOffset, int sysFlag, long bornTimestamp, MessageHost bornHost,
      long storeTimestamp, MessageHost storeHost, int reconsumeTimes,
      long preparedTransactionOffset, int bodyCrc, byte[] body, byte[] topic, byte[] props) {
    if (bornHost.isIpv6() != ((sysFlag & SysFlag.BORN_HOST_V6) != 0)
        || storeHost.isIpv6() != ((sysFlag & SysFlag.STORE_HOST_V6) != 0)) {
      throw new IllegalArgumentException("sysFlag 0x" + Integer.toHexString(sysFlag)
          + " host bits disagree with hosts " + bornHost + " / " + storeHost);
    }
    if (topic.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("topic too long: " + topic.length + " bytes");
    }
    if (props.length > MessageProperties.MAX_ENCODED_BYTES) {
      throw new IllegalArgumentException("properties too long: " + props.length + " bytes > "
          + MessageProperties.MAX_ENCODED_BYTES);
    }
    int magic = MessageMagic.forTopicLength(topic.length);
    dst.putInt(encodedLength(sysFlag, body.length, topic, props));
    dst.putInt(magic);
    dst.putInt(bodyCrc);
    dst.putInt(queueId);
    dst.putInt(flag);
    dst.putLong(queueOffset);
    dst.putLong(physicalOffset);
    dst.putInt(sysFlag);
    dst.putLong(bornTimestamp);
    bornHost.writeTo(dst);
    dst.putLong(storeTimestamp);
    storeHost.writeTo(dst);
    dst.putInt(reconsumeTimes);
    dst.putLong(preparedTransactionOffset);
    dst.putInt(body.length);
    dst.put(body);
    if (magic == MessageMagic.V2) {
      dst.putShort((short) topic.length);
    } else {
      dst.put((byte) topic.length);
    }
    dst.put(topic);
    dst.putShort((short) props.length);
    dst.put(props);
  }

  /**
   * Decodes the record at the buffer's position and advances past it.
   *
   * @param verifyCrc whether to check BODYCRC against the body
   * @throws MalformedRecordException with the position and reason when the bytes are not a whole,
   *     consistent record; the buffer position is then unchanged
   */
  public static MessageRecord decode(ByteBuffer src, boolean verifyCrc) {
    int start = src.position();
    int remaining = src.remaining();
    if (remaining < 4) {
      throw malformed(start, "only " + remaining + " bytes left, need a TOTALSIZE");
    }
    int totalSize = src.getInt(start);
    if (totalSize < RecordLayout.BORN_HOST || totalSize > remaining) {
      throw malformed(start, "TOTALSIZE " + totalSize + " with " + remaining + " bytes left");
    }
    ByteBuffer b = src.slice(start, totalSize);
    try {
      MessageRecord r = decodeWhole(b, start, verifyCrc);
      src.position(start + totalSize);
      return r;
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      if (e instanceof MalformedRecordException m) {
        throw m;
      }
      throw malformed(start, "field runs past TOTALSIZE " + totalSize + " (" + e + ")");
    }
  }

  /** Decodes concatenated records until the buffer ends; throws on the first malformed one. */
  public static List<MessageRecord> decodeAll(ByteBuffer src, boolean verifyCrc) {
    List<MessageRecord> out = new ArrayList<>();
    while (src.hasRemaining()) {
      out.add(decode(src, verifyCrc));
    }
    return out;
  }

  private static MessageRecord decodeWhole(ByteBuffer b, int start, boolean verifyCrc) {
    int totalSize = b.getInt();
    int magic = b.getInt();
    if (!MessageMagic.isRecord(magic)) {
      throw malformed(start, "bad magic 0x" + Integer.toHexString(magic));
    }
    int bodyCrc = b.getInt();
    int queueId = b.getInt();
    int flag = b.getInt();
    long queueOffset = b.getLong();
    long physicalOffset = b.getLong();
    int sysFlag = b.getInt();
    long bornTimestamp = b.getLong();
    MessageHost bornHost = MessageHost.read(b, SysFlag.bornHostLength(sysFlag) - 4);
    long storeTimestamp = b.getLong();
    MessageHost storeHost = MessageHost.read(b, SysFlag.storeHostLength(sysFlag) - 4);
    int reconsumeTimes = b.getInt();
    long preparedTransactionOffset = b.getLong();
    int bodyLength = b.getInt();
    if (bodyLength < 0 || bodyLength > b.remaining()) {
      throw malformed(start, "body length " + bodyLength + " exceeds record of " + totalSize);
    }
    byte[] body = new byte[bodyLength];
    b.get(body);
    if (verifyCrc && BodyCrc.of(body) != bodyCrc) {
      throw malformed(start, "body CRC mismatch: stored " + bodyCrc + ", computed "
          + BodyCrc.of(body) + " (physicalOffset " + physicalOffset + ")");
    }
    int topicLength = magic == MessageMagic.V2 ? b.getShort() & 0xFFFF : b.get() & 0xFF;
    String topic = readUtf8(b, topicLength);
    int propsLength = b.getShort();
    if (propsLength < 0) {
      throw malformed(start, "negative properties length " + propsLength);
    }
    String properties = readUtf8(b, propsLength);
    if (b.hasRemaining()) {
      throw malformed(start, "TOTALSIZE " + totalSize + " but fields end at " + b.position());
    }
    return new MessageRecord(topic, queueId, flag, queueOffset, physicalOffset, sysFlag,
        bornTimestamp, bornHost, storeTimestamp, storeHost, reconsumeTimes,
        preparedTransactionOffset, bodyCrc, body, properties);
  }

  private static String readUtf8(ByteBuffer b, int length) {
    if (length > b.remaining()) {
      throw new IllegalArgumentException("length " + length + " > " + b.remaining() + " left");
    }
    String s;
    if (b.hasArray()) {
      s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
      b.position(b.position() + length);
    } else {
      byte[] bytes = new byte[length];
      b.get(bytes);
      s = new String(bytes, StandardCharsets.UTF_8);
    }
    return s;
  }

  private static MalformedRecordException malformed(int position, String why) {
    return new MalformedRecordException("malformed message record at position " + position + ": "
        + why);
  }
}
