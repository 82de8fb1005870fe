package io.apogeemq.broker.admin;

import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.MessageStore;

/**
 * {@code GET_TOPIC_STATS_INFO} (202, codes.md §5.8): per queue of the topic, min and max offset
 * (clamped at 0) and the store time of the last message (0 when empty), as a
 * {@code TopicStatsTable} keyed by {@code MessageQueue}. {@code topicPutTps} is not measured
 * per topic and is reported as 0.0. Unknown topic: {@code TOPIC_NOT_EXIST}.
 *
 * <p>Thread-safe (reads the thread-safe store and registry).
 */
public final class TopicStatsProcessor implements RequestProcessor {

  private final String brokerName;
  private final TopicConfigRegistry topics;
  private final MessageStore store;

  public TopicStatsProcessor(String brokerName, TopicConfigRegistry topics, MessageStore store) {
    this.brokerName = brokerName;
    this.topics = topics;
    this.store = store;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    String topic = HeaderReader.of(request).requireString("topic");
    TopicConfig t = topics.get(topic);
    if (t == null) {
      throw new CommandException(ResponseCode.TOPIC_NOT_EXIST,
          "topic " + topic + " does not exist on broker " + brokerName);
    }
    byte[] body = AdminJson.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("offsetTable");
      for (int q = 0; q < t.queueCount(); q++) {
        long min = Math.max(0, store.minOffset(topic, q));
        long max = Math.max(0, store.maxOffset(topic, q));
        long last = max > 0 ? Math.max(0, store.storeTime(topic, q, max - 1)) : 0;
        g.writeObjectFieldStart(AdminJson.queueKey(brokerName, topic, q));
        g.writeNumberField("lastUpdateTimestamp", last);
        g.writeNumberField("maxOffset", max);
        g.writeNumberField("minOffset", min);
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeNumberField("topicPutTps", 0.0);
      g.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }
}
