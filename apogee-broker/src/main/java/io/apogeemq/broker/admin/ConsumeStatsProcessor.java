package io.apogeemq.broker.admin;

import io.apogeemq.broker.client.ConsumerGroup;
import io.apogeemq.broker.client.ConsumerRegistry;
import io.apogeemq.broker.client.SubscriptionData;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.MessageStore;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code GET_CONSUME_STATS} (208, codes.md §5.9): for each topic of the group on this broker and
 * each read queue, the queue's max offset ({@code brokerOffset}), the group's committed offset
 * ({@code consumerOffset}, 0 when none) and the store time of the last consumed message
 * ({@code lastTimestamp}). Topics: the {@code topicList} ones, else {@code topic}, else every
 * topic the group committed offsets for — without those the group's live consumers do not
 * subscribe to.
 *
 * <p>Not measured (reported honestly as such): {@code pullOffset} equals {@code consumerOffset}
 * (the broker does not track the last pulled offset) and {@code consumeTps} is 0.0.
 *
 * <p>Thread-safe (reads thread-safe tables and the store).
 */
public final class ConsumeStatsProcessor implements RequestProcessor {

  private final String brokerName;
  private final TopicConfigRegistry topics;
  private final MessageStore store;
  private final ConsumerOffsetTable offsets;
  private final ConsumerRegistry consumers;

  public ConsumeStatsProcessor(String brokerName, TopicConfigRegistry topics, MessageStore store,
      ConsumerOffsetTable offsets, ConsumerRegistry consumers) {
    this.brokerName = brokerName;
    this.topics = topics;
    this.store = store;
    this.offsets = offsets;
    this.consumers = consumers;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String group = h.requireString("consumerGroup");
    Set<String> selected = topicsOf(group, h.optionalString("topic"),
        h.optionalString("topicList"));
    byte[] body = AdminJson.write(g -> {
      g.writeStartObject();
      g.writeNumberField("consumeTps", 0.0);
      g.writeObjectFieldStart("offsetTable");
      for (String topic : selected) {
        TopicConfig t = topics.get(topic);
        if (t == null) {
          continue;
        }
        for (int q = 0; q < t.readQueueNums(); q++) {
          long brokerOffset = Math.max(0, store.maxOffset(topic, q));
          long consumerOffset = offsets.query(group, topic, q).orElse(0);
          long last = consumerOffset > 0
              ? Math.max(0, store.storeTime(topic, q, consumerOffset - 1)) : 0;
          g.writeObjectFieldStart(AdminJson.queueKey(brokerName, topic, q));
          g.writeNumberField("brokerOffset", brokerOffset);
          g.writeNumberField("consumerOffset", consumerOffset);
          g.writeNumberField("lastTimestamp", last);
          g.writeNumberField("pullOffset", consumerOffset);
          g.writeEndObject();
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }

  private Set<String> topicsOf(String group, String topic, String topicList) {
    if (topicList != null && !topicList.isBlank()) {
      Set<String> out = new LinkedHashSet<>();
      for (String t : topicList.split(";")) {
        if (!t.isBlank()) {
          out.add(t.trim());
        }
      }
      return out;
    }
    if (topic != null && !topic.isBlank()) {
      return Set.of(topic);
    }
    String suffix = ConsumerOffsetTable.KEY_SEPARATOR + group;
    Set<String> out = offsets.keys().stream()
        .filter(k -> k.endsWith(suffix) && k.length() > suffix.length())
        .map(k -> k.substring(0, k.length() - suffix.length()))
        .collect(Collectors.toCollection(TreeSet::new));
    Optional<ConsumerGroup> live = consumers.find(group);
    if (live.isPresent()) {
      Set<String> subscribed = live.get().subscriptions().stream().map(SubscriptionData::topic)
          .collect(Collectors.toSet());
      if (!subscribed.isEmpty()) {
        out.retainAll(subscribed);
      }
    }
    return out;
  }
}
