package io.apogeemq.store.commitlog;

import io.apogeemq.common.message.BodyCrc;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
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
  ByteBuffer encode(AppendMessage... messages) throws Refused {
    return encode(java.util.Arrays.asList(messages));
  }

  ByteBuffer encode(java.util.List<AppendMessage> messages) throws Refused {
    int n = messages.size();
    byte[][] topics = new byte[n][];
    byte[][] props = new byte[n][];
    int total = 0;
    for (int i = 0; i < n; i++) {
      AppendMessage m = messages.get(i);
      if (m.body().length > maxMessageSize) {
        throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "body of "
            + m.body().length + " bytes exceeds maxMessageSize " + maxMessageSize + " (topic "
            + m.topic() + ", queue " + m.queueId() + ")");
      }
      if (m.queueId() < 0) {
        throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "negative queue id "
            + m.queueId() + " (topic " + m.topic() + ")");
      }
      topics[i] = m.topic().getBytes(StandardCharsets.UTF_8);
      props[i] = m.properties().getBytes(StandardCharsets.UTF_8);
      if (props[i].length > MessageProperties.MAX_ENCODED_BYTES) {
        throw new Refused(io.apogeemq.store.PutStatus.PROPERTIES_SIZE_EXCEEDED, "properties of "
            + props[i].length + " bytes exceed 32767 (topic " + m.topic() + ")");
      }
      if (topics[i].length > Short.MAX_VALUE || topics[i].length == 0) {
        throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "topic of "
            + topics[i].length + " bytes");
      }
      int sysFlag = SysFlag.withHostBits(m.sysFlag(), m.bornHost(), m.storeHost());
      int size = RecordLayout.totalSize(sysFlag, m.body().length, topics[i].length,
          props[i].length);
      if (size > maxRecordSize) {
        throw new Refused(io.apogeemq.store.PutStatus.MESSAGE_ILLEGAL, "record of " + size
            + " bytes exceeds maxMessageSize + 64 KiB (topic " + m.topic() + ")");
      }
      total += size;
    }
    ByteBuffer buf = buffers.get();
    if (buf.capacity() < total) {
      buf = ByteBuffer.allocate(total);
      if (total <= KEEP_LIMIT) {
        buffers.set(buf);
      }
    }
    buf.clear();
    for (int i = 0; i < n; i++) {
      AppendMessage m = messages.get(i);
      int sysFlag = SysFlag.withHostBits(m.sysFlag(), m.bornHost(), m.storeHost());
      MessageRecord r = new MessageRecord(m.topic(), m.queueId(), m.flag(), 0, 0, sysFlag,
          m.bornTimestamp(), m.bornHost(), 0, m.storeHost(), m.reconsumeTimes(),
          m.preparedTransactionOffset(), BodyCrc.of(m.body()), m.body(), m.properties());
      MessageRecordCodec.encodeTo(buf, r, topics[i], props[i]);
    }
    return buf.flip();
  }
}
