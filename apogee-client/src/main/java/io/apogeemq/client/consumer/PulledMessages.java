package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.message.MessageMagic;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns a pull response body (concatenated message records, messages.md §1) into
 * {@link ReceivedMessage}s: bodies inflated when compressed (zlib; LZ4/ZSTD are refused with a
 * clear error), messages not matching the subscription's tags dropped, redeliveries given back
 * their original topic.
 *
 * <p>Reads the records straight from the response bytes (layout in {@link MessageRecordCodec}),
 * without an intermediate {@link MessageRecord} per message: the only copies are the body and
 * the strings a {@link ReceivedMessage} exposes; the topic string and the {@link MessageQueue} of
 * the pulled queue are shared by all its messages; the offset message id is hex-encoded straight
 * from the store host and commit log offset bytes.
 *
 * <p>Stateless and thread-safe.
 */
final class PulledMessages {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);
  private static final int FIXED_BEFORE_BORN_HOST = 48;

  private PulledMessages() {}

  /**
   * Decodes every record of {@code body}.
   *
   * @throws IllegalStateException naming the queue and position when a record is malformed
   */
  static List<ReceivedMessage> decode(byte[] body, MessageQueue queue, Subscription sub) {
    ByteBuffer b = ByteBuffer.wrap(body);
    byte[] queueTopic = queue.topic().getBytes(StandardCharsets.UTF_8);
    List<ReceivedMessage> out = new ArrayList<>(estimateCount(body.length));
    int pos = 0;
    while (pos < body.length) {
      int total = body.length - pos >= 4 ? b.getInt(pos) : -1;
      if (total < FIXED_BEFORE_BORN_HOST || total > body.length - pos) {
        throw malformed(queue, pos, "TOTALSIZE " + total + " with " + (body.length - pos)
            + " bytes left");
      }
      try {
        ReceivedMessage m = decodeOne(b, body, pos, total, queue, queueTopic, sub);
        if (m != null) {
          out.add(m);
        }
      } catch (IndexOutOfBoundsException e) {
        throw malformed(queue, pos, "field runs past TOTALSIZE " + total);
      }
      pos += total;
    }
    return out;
  }

  private static int estimateCount(int bodyBytes) {
    return Math.max(1, Math.min(64, bodyBytes / 200));
  }

  private static ReceivedMessage decodeOne(ByteBuffer b, byte[] a, int start, int total,
      MessageQueue queue, byte[] queueTopic, Subscription sub) {
    int end = start + total;
    int magic = b.getInt(start + 4);
    if (!MessageMagic.isRecord(magic)) {
      throw malformed(queue, start, "bad magic 0x" + Integer.toHexString(magic));
    }
    int queueId = b.getInt(start + 12);
    int flag = b.getInt(start + 16);
    long queueOffset = b.getLong(start + 20);
    long physicalOffset = b.getLong(start + 28);
    int sysFlag = b.getInt(start + 36);
    long bornTimestamp = b.getLong(start + 40);
    int p = start + FIXED_BEFORE_BORN_HOST + SysFlag.bornHostLength(sysFlag);
    long storeTimestamp = b.getLong(p);
    p += 8;
    int storeHostAt = p;
    int storeHostLength = SysFlag.storeHostLength(sysFlag);
    p += storeHostLength;
    int reconsumeTimes = b.getInt(p);
    p += 4 + 8; // reconsume times, prepared transaction offset
    int bodyLength = b.getInt(p);
    p += 4;
    if (bodyLength < 0 || bodyLength > end - p) {
      throw malformed(queue, start, "body length " + bodyLength + " exceeds record of " + total);
    }
    int bodyAt = p;
    p += bodyLength;
    int topicLength = magic == MessageMagic.V2 ? b.getShort(p) & 0xFFFF : b.get(p) & 0xFF;
    p += magic == MessageMagic.V2 ? 2 : 1;
    int topicAt = p;
    p += topicLength;
    int propsLength = b.getShort(p);
    p += 2;
    if (propsLength < 0 || p + propsLength != end) {
      throw malformed(queue, start, "properties length " + propsLength
          + " does not end the record of " + total + " bytes");
    }
    Map<String, String> props = Collections.unmodifiableMap(MessageProperties.decode(
        new String(a, p, propsLength, StandardCharsets.UTF_8)));
    String tag = props.get(PropertyKeys.TAGS);
    if (!sub.matches(tag)) {
      return null;
    }
    String topic = Arrays.equals(a, topicAt, topicAt + topicLength, queueTopic, 0,
        queueTopic.length) ? queue.topic()
        : new String(a, topicAt, topicLength, StandardCharsets.UTF_8);
    String retryTopic = props.get(PropertyKeys.RETRY_TOPIC);
    if (retryTopic != null && topic.startsWith("%RETRY%")) {
      topic = retryTopic;
    }
    byte[] payload = Arrays.copyOfRange(a, bodyAt, bodyAt + bodyLength);
    if ((sysFlag & SysFlag.COMPRESSED) != 0) {
      payload = inflate(payload, sysFlag, queueOffset, topic);
    }
    String offsetId = offsetId(a, storeHostAt, storeHostLength, b, physicalOffset);
    MessageQueue from = queueId == queue.queueId() ? queue
        : new MessageQueue(queue.topic(), queue.brokerName(), queueId);
    return new ReceivedMessage(topic, tag,
        ReceivedMessage.splitKeys(props.get(PropertyKeys.KEYS)), payload, props,
        ReceivedMessage.uniqueIdOr(props, offsetId), offsetId, from, queueOffset,
        physicalOffset, reconsumeTimes, bornTimestamp, storeTimestamp, flag);
  }

  /** Hex of the store host bytes (IP, port) and the 8 commit log offset bytes (messages.md §2). */
  private static String offsetId(byte[] a, int hostAt, int hostLength, ByteBuffer b,
      long physicalOffset) {
    byte[] hex = new byte[(hostLength + 8) * 2];
    int o = 0;
    for (int i = hostAt; i < hostAt + hostLength; i++) {
      hex[o++] = HEX[(a[i] >> 4) & 0xF];
      hex[o++] = HEX[a[i] & 0xF];
    }
    for (int shift = 60; shift >= 0; shift -= 4) {
      hex[o++] = HEX[(int) (physicalOffset >>> shift) & 0xF];
    }
    return new String(hex, StandardCharsets.ISO_8859_1);
  }

  private static IllegalStateException malformed(MessageQueue queue, int position, String why) {
    return new IllegalStateException("malformed message record in pull response of " + queue
        + " at byte " + position + ": " + why);
  }

  /** The record's body, inflated when it is zlib-compressed. */
  static byte[] inflate(MessageRecord r) {
    return (r.sysFlag() & SysFlag.COMPRESSED) == 0 ? r.body()
        : inflate(r.body(), r.sysFlag(), r.queueOffset(), r.topic());
  }

  private static byte[] inflate(byte[] compressed, int sysFlag, long queueOffset, String topic) {
    int type = (sysFlag & SysFlag.COMPRESSION_TYPE_MASK) >> 8;
    if (type != 0 && type != 3) {
      throw new IllegalStateException("message at offset " + queueOffset + " of "
          + topic + " uses compression type " + type + " (only zlib is supported)");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 3);
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("truncated zlib body at offset " + queueOffset
              + " of " + topic);
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt zlib body at offset " + queueOffset + " of "
          + topic + ": " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
