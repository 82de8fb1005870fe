package io.apogeemq.common.message;

import java.util.Map;
import java.util.Objects;

/**
 * One full message record (messages.md §1): what the CommitLog stores and what pull, query and view
 * responses carry.
 *
 * <p>The body is held by reference (not copied) to keep the hot path cheap: callers must not
 * mutate it after building the record. {@code properties} is the encoded properties string (§2);
 * use {@link #propertyMap()} to parse it.
 *
 * @param bodyCrc CRC32 of the body masked with {@code 0x7FFFFFFF} (see {@link BodyCrc})
 * @param sysFlag sysFlag including the host bits; {@link MessageRecordCodec} checks they match
 *     the hosts
 */
public record MessageRecord(
    String topic,
    int queueId,
    int flag,
    long queueOffset,
    long physicalOffset,
    int sysFlag,
    long bornTimestamp,
    MessageHost bornHost,
    long storeTimestamp,
    MessageHost storeHost,
    int reconsumeTimes,
    long preparedTransactionOffset,
    int bodyCrc,
    byte[] body,
    String properties) {

  public MessageRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(bornHost, "bornHost");
    Objects.requireNonNull(storeHost, "storeHost");
    body = body == null ? new byte[0] : body;
    properties = properties == null ? "" : properties;
  }

  /** The properties parsed into a fresh map. */
  public Map<String, String> propertyMap() {
    return MessageProperties.decode(properties);
  }

  /** One property, or null. */
  public String property(String name) {
    return MessageProperties.find(properties, name);
  }

  /** The offset message id of this record (messages.md §5.1). */
  public String offsetMessageId() {
    return OffsetMessageId.encode(storeHost, physicalOffset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageRecord r
        && topic.equals(r.topic)
        && queueId == r.queueId
        && flag == r.flag
        && queueOffset == r.queueOffset
        && physicalOffset == r.physicalOffset
        && sysFlag == r.sysFlag
        && bornTimestamp == r.bornTimestamp
        && bornHost.equals(r.bornHost)
        && storeTimestamp == r.storeTimestamp
        && storeHost.equals(r.storeHost)
        && reconsumeTimes == r.reconsumeTimes
        && preparedTransactionOffset == r.preparedTransactionOffset
        && bodyCrc == r.bodyCrc
        && java.util.Arrays.equals(body, r.body)
        && properties.equals(r.properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, queueId, queueOffset, physicalOffset, storeTimestamp)
        ^ java.util.Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "MessageRecord[topic=" + topic + ", queueId=" + queueId + ", queueOffset=" + queueOffset
        + ", physicalOffset=" + physicalOffset + ", sysFlag=0x" + Integer.toHexString(sysFlag)
        + ", bodyLength=" + body.length + ", properties=" + properties.replace('\u0001', '=')
            .replace('\u0002', ';') + "]";
  }
}
