package io.apogeemq.store.commitlog;

import io.apogeemq.common.message.BodyCrc;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.RecordLayout;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.store.AppendMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes messages into records <em>outside</em> the CommitLog lock, into a per-thread buffer, so
 * the critical section only patches three fields (queue offset, physical offset, store time) and
 * copies the bytes.
 *
 * <p>Thread-safe by confinement: each thread has its own buffer.
 */
final class RecordEncoder {

  /** Buffers above this size are not kept between calls. */
  private static final int KEEP_LIMIT = 1 << 20;

  private final int maxMessageSize;
  private final int maxRecordSize;
  private static final int TOPIC_CACHE_LIMIT = 4096;
  private final java.util.concurrent.ConcurrentHashMap<String, byte[]> topicCache =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final ThreadLocal<ByteBuffer> buffers =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

  RecordEncoder(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
    this.maxRecordSize = maxMessageSize + 64 * 1024;
  }

  /** Thrown for a message that cannot be stored; carries the status to report. */
  static final class Refused extends Exception {
    final io.apogeemq.store.PutStatus status;

    Refused(io.apogeemq.store.PutStatus status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /**
   * Encodes {@code messages} back to back into this thread's buffer (flipped). Store-assigned
   * fields are zero and patched later.
   */
  /** Encodes one message into this thread's buffer (flipped). */
  ByteBuffer encode(AppendMessage m) throws Refused {
    byte[] topic = topicBytes(m.topic());
    byte[] props = m.properties().getBytes(StandardCharsets.UTF_8);
    int size = check(m, topic, props);
    ByteBuffer buf = buffer(size);
    write(buf, m, topic, props);
    return buf.flip();
  }

  private int check(AppendMessage m, byte[] topic, byte[] props) throws Refused {
    if (m.body().length > maxMessageSize) {
      throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "body of "
          + m.body().length + " bytes exceeds maxMessageSize " + maxMessageSize + " (topic "
          + m.topic() + ", queue " + m.queueId() + ")");
    }
    if (m.queueId() < 0) {
      throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "negative queue id "
          + m.queueId() + " (topic " + m.topic() + ")");
    }
    if (props.length > MessageProperties.MAX_ENCODED_BYTES) {
      throw new Refused(io.apogeemq.store.PutStatus.PROPERTIES_SIZE_EXCEEDED, "properties of "
          + props.length + " bytes exceed 32767 (topic " + m.topic() + ")");
    }
    if (topic.length > Short.MAX_VALUE || topic.length == 0) {
      throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "topic of "
          + topic.length + " bytes");
    }
    int sysFlag = SysFlag.withHostBits(m.sysFlag(), m.bornHost(), m.storeHost());
    int size = RecordLayout.totalSize(sysFlag, m.body().length, topic.length, props.length);
    if (size > maxRecordSize) {
      throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "record of " + size
          + " bytes exceeds maxMessageSize + 64 KiB (topic " + m.topic() + ")");
    }
    return size;
  }

  private ByteBuffer buffer(int total) {
    ByteBuffer buf = buffers.get();
    if (buf.capacity() < total) {
      buf = ByteBuffer.allocate(total);
      if (total <= KEEP_LIMIT) {
        buffers.set(buf);
      }
    }
    return buf.clear();
  }

  private static void write(ByteBuffer buf, AppendMessage m, byte[] topic, byte[] props) {
    int sysFlag = SysFlag.withHostBits(m.sysFlag(), m.bornHost(), m.storeHost());
    MessageRecordCodec.encodeTo(buf, m.queueId(), m.flag(), 0, 0, sysFlag, m.bornTimestamp(),
        m.bornHost(), 0, m.storeHost(), m.reconsumeTimes(), m.preparedTransactionOffset(),
        BodyCrc.of(m.body()), m.body(), topic, props);
  }

  /** UTF-8 bytes of a topic, cached: brokers append to few topics very often. */
  private byte[] topicBytes(String topic) {
    byte[] b = topicCache.get(topic);
    if (b == null) {
      b = topic.getBytes(StandardCharsets.UTF_8);
      if (topicCache.size() < TOPIC_CACHE_LIMIT) {
        topicCache.put(topic, b);
      }
    }
    return b;
  }

  /** Encodes messages back to back into this thread's buffer (flipped). */
  ByteBuffer encode(java.util.List<AppendMessage> messages) throws Refused {
    int n = messages.size();
    byte[][] topics = new byte[n][];
    byte[][] props = new byte[n][];
    int total = 0;
    for (int i = 0; i < n; i++) {
      AppendMessage m = messages.get(i);
      topics[i] = topicBytes(m.topic());
      props[i] = m.properties().getBytes(StandardCharsets.UTF_8);
      total += check(m, topics[i], props[i]);
    }
    ByteBuffer buf = buffer(total);
    for (int i = 0; i < n; i++) {
      write(buf, messages.get(i), topics[i], props[i]);
    }
    return buf.flip();
  }
}
