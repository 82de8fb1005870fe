package io.apogeemq.client.producer;

import io.apogeemq.client.BrokerException;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.client.message.SendResult;
import io.apogeemq.client.message.SendStatus;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.protocol.SerializeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds send requests and reads send responses (codes.md §3.1-3.3).
 *
 * <p>Request: {@code SEND_MESSAGE_V2} (310) or {@code SEND_BATCH_MESSAGE} (320) with the V2
 * one-letter header keys:
 * <pre>
 * a producerGroup   b topic          c defaultTopic (TBW102)   d defaultTopicQueueNums
 * e queueId         f sysFlag        g bornTimestamp           h flag
 * i properties      j reconsumeTimes k unitMode                m batch
 * n brokerName
 * </pre>
 * Response extFields: {@code msgId} (offset id, comma-joined for batches), {@code queueId},
 * {@code queueOffset} (the first message's), {@code transactionId}, {@code MSG_REGION}.
 *
 * <p>Stateless and thread-safe.
 */
final class SendCodec {

  private SendCodec() {}

  /** Properties string of a single message: user properties, then system ones. */
  static String properties(Message m, String uniqueId, String extra) {
    StringBuilder sb = new StringBuilder(64 + m.properties().size() * 24);
    for (Map.Entry<String, String> e : m.properties().entrySet()) {
      put(sb, e.getKey(), e.getValue());
    }
    if (m.tags() != null) {
      put(sb, PropertyKeys.TAGS, m.tags());
    }
    if (!m.keys().isEmpty()) {
      put(sb, PropertyKeys.KEYS, String.join(" ", m.keys()));
    }
    if (m.delayLevel() > 0) {
      put(sb, PropertyKeys.DELAY_TIME_LEVEL, Integer.toString(m.delayLevel()));
    }
    if (m.deliveryTimeMillis() > 0) {
      put(sb, PropertyKeys.TIMER_DELIVER_MS, Long.toString(m.deliveryTimeMillis()));
    }
    if (m.shardingKey() != null) {
      put(sb, PropertyKeys.SHARDING_KEY, m.shardingKey());
    }
    if (extra != null) {
      sb.append(extra);
    }
    put(sb, PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqueId);
    put(sb, PropertyKeys.WAIT_STORE_MSG_OK, m.waitStoreOk() ? "true" : "false");
    return sb.toString();
  }

  static void put(StringBuilder sb, String name, String value) {
    sb.append(name).append(MessageProperties.NAME_VALUE_SEPARATOR).append(value)
        .append(MessageProperties.PROPERTY_SEPARATOR);
  }

  static RemotingCommand request(String group, PreparedMessage p, MessageQueue q,
      int defaultTopicQueueNums, long bornTimestamp, boolean binary) {
    RemotingCommand r = RemotingCommand.request(p.isBatch() ? RequestCode.SEND_BATCH_MESSAGE
        : RequestCode.SEND_MESSAGE_V2);
    if (binary) {
      r.serializeType(SerializeType.ROCKETMQ);
    }
    Map<String, String> h = new HashMap<>(20);
    h.put("a", group);
    h.put("b", p.topic());
    h.put("c", NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC);
    h.put("d", Integer.toString(defaultTopicQueueNums));
    h.put("e", Integer.toString(q.queueId()));
    h.put("f", Integer.toString(p.sysFlag()));
    h.put("g", Long.toString(bornTimestamp));
    h.put("h", Integer.toString(p.message().flag()));
    h.put("i", p.properties());
    h.put("j", "0");
    h.put("k", "false");
    h.put("m", p.isBatch() ? "true" : "false");
    h.put("n", q.brokerName());
    r.extFields(h);
    r.body(p.body());
    return r;
  }

  /** True when the broker stored the message (possibly without the requested flush/replica). */
  static boolean isStored(int code) {
    return code == ResponseCode.SUCCESS || code == ResponseCode.FLUSH_DISK_TIMEOUT
        || code == ResponseCode.FLUSH_SLAVE_TIMEOUT || code == ResponseCode.SLAVE_NOT_AVAILABLE;
  }

  /** Broker error codes after which a sync send tries again (semantics.md §1.4, 5.3). */
  static boolean isRetryable(int code) {
    return code == ResponseCode.TOPIC_NOT_EXIST || code == ResponseCode.SERVICE_NOT_AVAILABLE
        || code == ResponseCode.SYSTEM_ERROR || code == ResponseCode.NO_PERMISSION
        || code == ResponseCode.NO_BUYER_ID || code == ResponseCode.NOT_IN_CURRENT_UNIT
        || code == ResponseCode.GO_AWAY || code == ResponseCode.SYSTEM_BUSY;
  }

  static SendStatus status(int code) {
    return switch (code) {
      case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
      case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
      case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
      default -> SendStatus.SEND_OK;
    };
  }

  /**
   * The results of a stored send: one for a single message, one per message of a batch.
   *
   * @throws BrokerException when the response lacks its header fields
   */
  static List<SendResult> results(RemotingCommand response, PreparedMessage p, MessageQueue q,
      String peer) {
    String msgId = response.extField("msgId");
    String queueId = response.extField("queueId");
    String queueOffset = response.extField("queueOffset");
    if (msgId == null || queueId == null || queueOffset == null) {
      throw new BrokerException(response.code(), "response lacks msgId/queueId/queueOffset",
          peer, "send to " + q);
    }
    MessageQueue actual = new MessageQueue(q.topic(), q.brokerName(), Integer.parseInt(queueId));
    long offset = Long.parseLong(queueOffset);
    SendStatus status = status(response.code());
    String region = response.extField("MSG_REGION");
    String txId = response.extField("transactionId");
    if (!p.isBatch()) {
      return List.of(new SendResult(status, p.uniqueId(), msgId, actual, offset, txId, region));
    }
    String[] offsetIds = msgId.split(",");
    List<SendResult> out = new ArrayList<>(p.batchIds().length);
    for (int i = 0; i < p.batchIds().length; i++) {
      String oid = i < offsetIds.length ? offsetIds[i] : null;
      out.add(new SendResult(status, p.batchIds()[i], oid, actual, offset + i, txId, region));
    }
    return out;
  }
}
