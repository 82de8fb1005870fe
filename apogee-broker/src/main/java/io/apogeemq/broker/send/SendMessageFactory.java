package io.apogeemq.broker.send;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.common.message.BatchBodyCodec;
import io.apogeemq.common.message.BatchEntry;
import io.apogeemq.common.message.MalformedRecordException;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.UniqueMessageIdGenerator;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.apogeemq.store.AppendMessage;

/**
 * Turns a checked send request into the messages the store appends: adds {@code CLUSTER} and,
 * when the producer sent none, a {@code UNIQ_KEY} (as 5.x brokers do); reads {@code WAIT};
 * enforces the body and properties size limits; decodes batch bodies (messages.md §6).
 *
 * <p>Refused here, with {@code MESSAGE_ILLEGAL}: empty or oversized bodies, oversized properties,
 * malformed batches, batches to retry topics or topics over 127 characters. Where a message is
 * really stored (delay, timer, half topic) is decided afterwards, by the {@link MessageRedirect}s.
 *
 * <p>Thread-safe.
 */
final class SendMessageFactory {

  private final java.util.function.Supplier<BrokerConfig> liveConfig;
  private final UniqueMessageIdGenerator uniqIds;

  /** @param liveConfig read per message ({@code maxMessageSize} changes live) */
  SendMessageFactory(java.util.function.Supplier<BrokerConfig> liveConfig,
      UniqueMessageIdGenerator uniqIds) {
    this.liveConfig = liveConfig;
    this.uniqIds = uniqIds;
  }

  AppendMessage single(SendHeader h, int queueId, byte[] body, MessageHost bornHost,
      MessageHost storeHost) {
    checkBody(h, queueId, body == null ? 0 : body.length);
    String props = complete(h, h.properties());
    if (NameRules.isRetryTopic(h.topic()) && h.maxReconsumeTimes() != null) {
      props = PropertyEdit.put(props, PropertyKeys.MAX_RECONSUME_TIMES,
          Integer.toString(h.maxReconsumeTimes()));
    }
    checkProperties(h, queueId, props);
    return new AppendMessage(h.topic(), queueId, h.flag(), body, props, h.sysFlag(),
        h.bornTimestamp(), bornHost, storeHost, h.reconsumeTimes(), 0, waitStoreMsgOk(h));
  }

  List<AppendMessage> batch(SendHeader h, int queueId, byte[] body, MessageHost bornHost,
      MessageHost storeHost) {
    if (NameRules.isRetryTopic(h.topic())) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "batch send to retry topic "
          + h.topic() + " is not supported");
    }
    if (h.topic().length() > NameRules.TOPIC_MAX_LENGTH) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "batch send to topic of more "
          + "than " + NameRules.TOPIC_MAX_LENGTH + " characters is not supported");
    }
    checkBody(h, queueId, body == null ? 0 : body.length);
    List<BatchEntry> entries;
    try {
      entries = BatchBodyCodec.decode(ByteBuffer.wrap(body));
    } catch (MalformedRecordException e) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "malformed batch body for topic "
          + h.topic() + " queue " + queueId + ": " + e.getMessage());
    }
    if (entries.isEmpty()) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "empty batch for topic "
          + h.topic());
    }
    boolean wait = waitStoreMsgOk(h);
    List<AppendMessage> out = new ArrayList<>(entries.size());
    for (BatchEntry e : entries) {
      if (e.body().length == 0) {
        throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "empty message body in batch "
            + "for topic " + h.topic());
      }
      String props = complete(h, e.properties());
      checkProperties(h, queueId, props);
      out.add(new AppendMessage(h.topic(), queueId, e.flag(), e.body(), props, h.sysFlag(),
          h.bornTimestamp(), bornHost, storeHost, 0, 0, wait));
    }
    return out;
  }

  private String complete(SendHeader h, String props) {
    String p = PropertyEdit.put(props, PropertyKeys.CLUSTER, liveConfig.get().brokerClusterName());
    if (MessageProperties.find(p, PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX) == null) {
      p = PropertyEdit.put(p, PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqIds.next());
    }
    return p;
  }

  private void checkBody(SendHeader h, int queueId, int length) {
    if (length == 0) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "message body of topic "
          + h.topic() + " queue " + queueId + " is empty");
    }
    int maxMessageSize = liveConfig.get().maxMessageSize();
    if (length > maxMessageSize) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "message body size " + length
          + " bytes exceeds maxMessageSize " + maxMessageSize + " (topic " + h.topic()
          + " queue " + queueId + ", producer " + h.producerGroup() + ")");
    }
  }

  private static void checkProperties(SendHeader h, int queueId, String props) {
    // A char is at most 3 UTF-8 bytes: short strings (every normal message) need no encoding here.
    if (props.length() * 3L <= MessageProperties.MAX_ENCODED_BYTES) {
      return;
    }
    int bytes = props.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MessageProperties.MAX_ENCODED_BYTES) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "message properties of "
          + bytes + " bytes exceed " + MessageProperties.MAX_ENCODED_BYTES + " (topic "
          + h.topic() + " queue " + queueId + ")");
    }
  }

  private static boolean waitStoreMsgOk(SendHeader h) {
    return !"false".equals(MessageProperties.find(h.properties(), PropertyKeys.WAIT_STORE_MSG_OK));
  }
}
