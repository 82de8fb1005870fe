package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns a pull response body (concatenated message records, messages.md §1) into
 * {@link ReceivedMessage}s: bodies inflated when compressed (zlib; LZ4/ZSTD are refused with a
 * clear error), messages not matching the subscription's tags dropped, redeliveries given back
 * their original topic. Stateless and thread-safe.
 */
final class PulledMessages {

  private PulledMessages() {}

  static List<ReceivedMessage> decode(byte[] body, MessageQueue queue, Subscription sub) {
    List<MessageRecord> records = MessageRecordCodec.decodeAll(ByteBuffer.wrap(body), false);
    List<ReceivedMessage> out = new ArrayList<>(records.size());
    for (MessageRecord r : records) {
      Map<String, String> props = ReceivedMessage.decodeProperties(r.properties());
      String tag = props.get(PropertyKeys.TAGS);
      if (!sub.matches(tag)) {
        continue;
      }
      String topic = r.topic();
      String retryTopic = props.get(PropertyKeys.RETRY_TOPIC);
      if (retryTopic != null && topic.startsWith("%RETRY%")) {
        topic = retryTopic;
      }
      byte[] payload = (r.sysFlag() & SysFlag.COMPRESSED) != 0 ? inflate(r) : r.body();
      String offsetId = r.offsetMessageId();
      out.add(new ReceivedMessage(topic, tag,
          ReceivedMessage.splitKeys(props.get(PropertyKeys.KEYS)), payload, props,
          ReceivedMessage.uniqueIdOr(props, offsetId), offsetId,
          new MessageQueue(queue.topic(), queue.brokerName(), r.queueId()), r.queueOffset(),
          r.physicalOffset(), r.reconsumeTimes(), r.bornTimestamp(), r.storeTimestamp(),
          r.flag()));
    }
    return out;
  }

  /** The record's body, inflated when it is zlib-compressed. */
  static byte[] inflate(MessageRecord r) {
    int type = (r.sysFlag() & SysFlag.COMPRESSION_TYPE_MASK) >> 8;
    if (type != 0 && type != 3) {
      throw new IllegalStateException("message at offset " + r.queueOffset() + " of "
          + r.topic() + " uses compression type " + type + " (only zlib is supported)");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(r.body());
      ByteArrayOutputStream out = new ByteArrayOutputStream(r.body().length * 3);
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("truncated zlib body at offset " + r.queueOffset()
              + " of " + r.topic());
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt zlib body at offset " + r.queueOffset() + " of "
          + r.topic() + ": " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
