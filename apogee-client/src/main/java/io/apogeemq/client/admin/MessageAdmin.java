package io.apogeemq.client.admin;

import io.apogeemq.client.BrokerException;
import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.OffsetMessageId;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Message look-ups by offset id, key and unique key (codes.md §5.1, §5.2). Results are whole
 * stored records; bodies are inflated when compressed. Thread-safe; owns nothing.
 */
public final class MessageAdmin {

  /** Most messages a key query asks for (mqadmin's default). */
  public static final int MAX_KEY_RESULTS = 64;
  /** Most messages a unique-key query asks for (the official broker's cap). */
  public static final int MAX_UNIQUE_KEY_RESULTS = 32;

  private final AdminTransport transport;
  private final Admin admin;

  MessageAdmin(AdminTransport transport, Admin admin) {
    this.transport = transport;
    this.admin = admin;
  }

  /**
   * The message with {@code msgId}: an offset id is read from the broker it names
   * (VIEW_MESSAGE_BY_ID); anything else is taken as a unique key of {@code topic}.
   *
   * @throws NotFoundException when no such message is stored
   */
  public ReceivedMessage byId(String topic, String msgId) {
    OffsetMessageId offsetId = null;
    try {
      offsetId = OffsetMessageId.decode(msgId);
    } catch (IllegalArgumentException notAnOffsetId) {
      // a unique key (UNIQ_KEY): look it up in the index
    }
    if (offsetId != null) {
      String addr = offsetId.storeHost().toString();
      String what = "message " + msgId + " (offset " + offsetId.commitLogOffset() + " on "
          + addr + ")";
      RemotingCommand r = transport.callAnyCode(addr, RemotingCommand
          .request(RequestCode.VIEW_MESSAGE_BY_ID)
          .putExtField("offset", offsetId.commitLogOffset()), what);
      if (r.code() == ResponseCode.SUCCESS && r.body() != null && r.body().length > 0) {
        MessageRecord rec = MessageRecordCodec.decode(ByteBuffer.wrap(r.body()), false);
        return ReceivedMessage.fromRecord(rec, brokerNameOf(rec.topic(), addr));
      }
      if (topic == null) {
        throw new NotFoundException(what + " not found: " + r.remark());
      }
    }
    if (topic == null) {
      throw new IllegalArgumentException("'" + msgId + "' is not an offset message id; give the "
          + "topic to look it up as a unique key");
    }
    List<ReceivedMessage> found = byUniqueKey(topic, msgId);
    if (found.isEmpty()) {
      throw new NotFoundException("message " + msgId + " of topic '" + topic + "' not found");
    }
    return found.get(0);
  }

  private String brokerNameOf(String topic, String addr) {
    try {
      for (TopicRouteInfo.BrokerData b : admin.route(topic).brokerDatas()) {
        if (b.brokerAddrs().containsValue(addr)) {
          return b.brokerName();
        }
      }
    } catch (NotFoundException e) {
      // the topic was deleted since: report the address
    }
    return addr;
  }

  /**
   * Re-sends a dead letter of {@code group} (by unique key or offset id) to its original topic,
   * asking every master that has the group's {@code %DLQ%} topic (Apogee's
   * APOGEE_RESEND_DEAD_LETTER, docs/broker.md); the first broker that holds the letter stores the
   * copy.
   *
   * @throws NotFoundException when no broker holds the letter
   */
  public ResentLetter resendDeadLetter(String group, String msgId) {
    String g = transport.runtime().config().wrap(group);
    String dlq = "%DLQ%" + g;
    String what = "re-send of dead letter " + msgId + " of group '" + g + "'";
    for (TopicRouteInfo.BrokerData b : admin.route(dlq).brokerDatas()) {
      if (b.master() == null) {
        continue;
      }
      RemotingCommand r = transport.callAnyCode(b.master(), RemotingCommand
          .request(RequestCode.APOGEE_RESEND_DEAD_LETTER).putExtField("group", g)
          .putExtField("msgId", msgId), what);
      if (r.code() == ResponseCode.QUERY_NOT_FOUND) {
        continue;
      }
      if (r.code() != ResponseCode.SUCCESS) {
        throw new BrokerException(r.code(), r.remark(), b.master(), what);
      }
      return new ResentLetter(r.extField("topic"), b.brokerName(),
          Integer.parseInt(r.extField("queueId")), Long.parseLong(r.extField("queueOffset")),
          r.extField("msgId"));
    }
    throw new NotFoundException("no dead letter " + msgId + " in " + dlq);
  }

  /** Where a re-sent dead letter was stored. */
  public record ResentLetter(String topic, String brokerName, int queueId, long queueOffset,
      String offsetMsgId) {}

  /** Messages of {@code topic} whose {@code UNIQ_KEY} is {@code uniqueKey}. */
  public List<ReceivedMessage> byUniqueKey(String topic, String uniqueKey) {
    List<ReceivedMessage> out = query(topic, uniqueKey, MAX_UNIQUE_KEY_RESULTS, 0,
        Long.MAX_VALUE, true);
    out.removeIf(m -> !uniqueKey.equals(m.property(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX)));
    return out;
  }

  /** Messages of {@code topic} stored in {@code [begin, end]} (ms) that carry {@code key}. */
  public List<ReceivedMessage> byKey(String topic, String key, int maxNum, long begin, long end) {
    List<ReceivedMessage> out = query(topic, key, maxNum, begin, end, false);
    out.removeIf(m -> !m.keys().contains(key));
    return out;
  }

  private List<ReceivedMessage> query(String topic, String key, int maxNum, long begin, long end,
      boolean unique) {
    String t = transport.runtime().config().wrap(topic);
    if (maxNum < 1) {
      throw new IllegalArgumentException("maxNum " + maxNum + " must be at least 1");
    }
    List<ReceivedMessage> out = new ArrayList<>();
    for (TopicRouteInfo.BrokerData b : admin.route(t).brokerDatas()) {
      String addr = b.master() != null ? b.master() : b.brokerAddrs().values().iterator().next();
      String what = (unique ? "unique key '" : "key '") + key + "' of topic '" + t + "'";
      RemotingCommand r = transport.callAnyCode(addr, RemotingCommand
          .request(RequestCode.QUERY_MESSAGE).putExtField("topic", t).putExtField("key", key)
          .putExtField("maxNum", maxNum).putExtField("beginTimestamp", begin)
          .putExtField("endTimestamp", end).putExtField("_UNIQUE_KEY_QUERY", unique), what);
      if (r.code() == ResponseCode.QUERY_NOT_FOUND) {
        continue;
      }
      if (r.code() != ResponseCode.SUCCESS) {
        throw new BrokerException(r.code(), r.remark(), addr, what);
      }
      if (r.body() == null) {
        continue;
      }
      for (MessageRecord rec : MessageRecordCodec.decodeAll(ByteBuffer.wrap(r.body()), false)) {
        if (rec.topic().equals(t)) {
          out.add(ReceivedMessage.fromRecord(rec, b.brokerName()));
        }
      }
    }
    out.sort(Comparator.comparingLong(ReceivedMessage::storeTimestamp));
    return out;
  }
}
