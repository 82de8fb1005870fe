package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A message as a consumer receives it. For a redelivered message (pulled from
 * {@code %RETRY%<group>}) {@link #topic()} is the original topic and {@link #reconsumeTimes()}
 * counts earlier failed deliveries.
 *
 * <p>Immutable; the body array is shared, not copied — do not modify it.
 *
 * @param messageId the producer's unique id ({@code UNIQ_KEY}), else the offset id
 * @param offsetMessageId the broker's offset id (store host + commit log offset)
 * @param queue the queue it was pulled from (for redeliveries: the retry topic's queue)
 * @param queueOffset offset in that queue
 * @param commitLogOffset physical offset, used to send the message back for retry
 * @param properties every property, system ones included
 */
public record ReceivedMessage(String topic, String tags, List<String> keys, byte[] body,
    Map<String, String> properties, String messageId, String offsetMessageId,
    MessageQueue queue, long queueOffset, long commitLogOffset, int reconsumeTimes,
    long bornTimestamp, long storeTimestamp, int flag) {

  /** A user property (or any property), or {@code null}. */
  public String property(String name) {
    return properties.get(name);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The topic the message was pulled from ({@code %RETRY%<group>} for redeliveries). */
  public String pulledTopic() {
    return queue.topic();
  }

  /** The same message with another {@code reconsumeTimes} (orderly local retries). */
  ReceivedMessage withReconsumeTimes(int times) {
    return times == reconsumeTimes ? this : new ReceivedMessage(topic, tags, keys, body,
        properties, messageId, offsetMessageId, queue, queueOffset, commitLogOffset, times,
        bornTimestamp, storeTimestamp, flag);
  }

  /**
   * A whole stored record as read by a query or a view (not a pull): the topic is the stored
   * topic, the body inflated when compressed.
   */
  public static ReceivedMessage fromRecord(io.apogeemq.common.message.MessageRecord r,
      String brokerName) {
    Map<String, String> props = decodeProperties(r.properties());
    byte[] payload = (r.sysFlag() & io.apogeemq.common.message.SysFlag.COMPRESSED) != 0
        ? PulledMessages.inflate(r) : r.body();
    String offsetId = r.offsetMessageId();
    return new ReceivedMessage(r.topic(), props.get(PropertyKeys.TAGS),
        splitKeys(props.get(PropertyKeys.KEYS)), payload, props, uniqueIdOr(props, offsetId),
        offsetId, new MessageQueue(r.topic(), brokerName, r.queueId()), r.queueOffset(),
        r.physicalOffset(), r.reconsumeTimes(), r.bornTimestamp(), r.storeTimestamp(), r.flag());
  }

  static List<String> splitKeys(String keys) {
    return keys == null || keys.isEmpty() ? List.of() : List.of(keys.split(" "));
  }

  static Map<String, String> decodeProperties(String encoded) {
    return Map.copyOf(MessageProperties.decode(encoded));
  }

  static String uniqueIdOr(Map<String, String> props, String fallback) {
    String id = props.get(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    return id != null ? id : fallback;
  }

  @Override
  public String toString() {
    return "ReceivedMessage[" + topic + ", id=" + messageId + ", queue=" + queue + ", offset="
        + queueOffset + ", reconsumeTimes=" + reconsumeTimes + ", bodyLength=" + body.length + "]";
  }
}
