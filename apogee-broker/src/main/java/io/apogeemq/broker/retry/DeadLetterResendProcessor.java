package io.apogeemq.broker.retry;

import io.apogeemq.broker.schedule.RealDestination;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.OffsetMessageId;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.MessageStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code APOGEE_RESEND_DEAD_LETTER} (61001, an Apogee code): stores a copy of a dead letter in its
 * original topic so the group consumes it again.
 *
 * <p>Request header: {@code group} (R), {@code msgId} (R) — the id consumers saw (unique key) or
 * the offset message id of the record in {@code %DLQ%<group>}. The letter is found by offset id,
 * else through the message index by unique key (the newest copy in the DLQ). Its original topic is
 * its {@code RETRY_TOPIC} property. The copy goes to a random write queue of that topic with body,
 * flag, unique key, keys, tags and user properties of the letter, {@code reconsumeTimes} 0 and the
 * retry bookkeeping (scheduling keys such as {@code DELAY}, {@code REAL_TOPIC},
 * {@code REAL_QID}, {@code MAX_RECONSUME_TIMES}, {@code RECONSUME_TIME}) removed. The letter itself stays in the DLQ.
 *
 * <p>Response {@code SUCCESS} with header {@code topic}, {@code queueId}, {@code queueOffset},
 * {@code msgId} (offset id of the copy); errors: no DLQ for the group or original topic gone →
 * {@code TOPIC_NOT_EXIST}; letter not found → {@code QUERY_NOT_FOUND}; letter without
 * {@code RETRY_TOPIC} → {@code MESSAGE_ILLEGAL}; topic not writable → {@code NO_PERMISSION}; store
 * refusal → {@code SYSTEM_ERROR}.
 *
 * <p>Thread-safe.
 */
final class DeadLetterResendProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterResendProcessor.class);
  private static final int MAX_KEY_HITS = 64;

  private final TopicConfigRegistry topics;
  private final MessageStore store;
  private final OriginalMessageReader records;
  private final Supplier<MessageHost> storeHost;

  DeadLetterResendProcessor(TopicConfigRegistry topics, MessageStore store,
      Supplier<MessageHost> storeHost) {
    this.topics = topics;
    this.store = store;
    this.records = new OriginalMessageReader(store);
    this.storeHost = storeHost;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String group = h.requireString("group");
    String msgId = h.requireString("msgId").trim();
    String dlq = NameRules.dlqTopic(group);
    if (topics.get(dlq) == null) {
      throw new CommandException(ResponseCode.TOPIC_NOT_EXIST, "group " + group
          + " has no dead-letter topic " + dlq + " on this broker");
    }
    MessageRecord letter = find(dlq, msgId).orElseThrow(() -> new CommandException(
        ResponseCode.QUERY_NOT_FOUND, "no message " + msgId + " in " + dlq));
    String origin = letter.property(PropertyKeys.RETRY_TOPIC);
    if (origin == null || NameRules.isRetryTopic(origin) || NameRules.isDlqTopic(origin)) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "dead letter " + msgId + " in "
          + dlq + " names no original topic (RETRY_TOPIC=" + origin + ")");
    }
    TopicConfig target = topics.get(origin);
    if (target == null) {
      throw new CommandException(ResponseCode.TOPIC_NOT_EXIST, "original topic " + origin
          + " of dead letter " + msgId + " no longer exists");
    }
    if (!Perm.writable(target.perm()) || target.writeQueueNums() <= 0) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "original topic " + origin
          + " of dead letter " + msgId + " is not writable (perm " + target.perm() + ")");
    }
    int queueId = ThreadLocalRandom.current().nextInt(target.writeQueueNums());
    MessageHost host = storeHost.get();
    AppendMessage copy = copyFor(letter, origin, queueId, host);
    store.append(copy).whenComplete((result, error) -> {
      RemotingCommand response;
      if (error != null || !result.status().isStored()) {
        String why = error != null ? error.toString() : result.status() + " " + result.error();
        response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "re-send of dead letter "
            + msgId + " to " + origin + " not stored: " + why);
      } else {
        LOG.info("dead letter {} of group {} re-sent to {} queue {} offset {}", msgId, group,
            origin, queueId, result.queueOffset());
        response = RemotingCommand.response(ResponseCode.SUCCESS, null)
            .putExtField("topic", origin)
            .putExtField("queueId", queueId)
            .putExtField("queueOffset", result.queueOffset())
            .putExtField("msgId", result.offsetMessageId(host));
      }
      context.writeResponse(response);
    });
    return null;
  }

  /** The letter by offset message id, else the newest one in the DLQ with that unique key. */
  private Optional<MessageRecord> find(String dlq, String msgId) {
    Optional<MessageRecord> byOffset = offsetId(msgId).flatMap(records::read)
        .filter(r -> r.topic().equals(dlq));
    if (byOffset.isPresent()) {
      return byOffset;
    }
    for (long offset : store.queryByKey(dlq, msgId, MAX_KEY_HITS, 0, Long.MAX_VALUE)
        .physicalOffsets()) {
      Optional<MessageRecord> r = records.read(offset).filter(m -> m.topic().equals(dlq)
          && msgId.equals(m.property(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX)));
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private static Optional<Long> offsetId(String msgId) {
    try {
      return Optional.of(OffsetMessageId.decode(msgId).commitLogOffset());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static AppendMessage copyFor(MessageRecord letter, String topic, int queueId,
      MessageHost storeHost) {
    Map<String, String> props = MessageProperties.decode(letter.properties());
    props.keySet().removeAll(RealDestination.SCHEDULING_KEYS);
    props.remove(PropertyKeys.REAL_TOPIC);
    props.remove(PropertyKeys.REAL_QUEUE_ID);
    props.remove(PropertyKeys.MAX_RECONSUME_TIMES);
    props.remove(PropertyKeys.RECONSUME_TIME);
    props.remove(PropertyKeys.WAIT_STORE_MSG_OK);
    return new AppendMessage(topic, queueId, letter.flag(), letter.body(),
        MessageProperties.encode(props), letter.sysFlag(), letter.bornTimestamp(),
        letter.bornHost(), storeHost, 0, 0, true);
  }
}
