package io.apogeemq.broker.topic;

import java.util.Map;

/**
 * An immutable view of all topics with the version they had together; what registration sends.
 */
public record TopicTable(DataVersion dataVersion, Map<String, TopicConfig> topics) {

  public TopicTable {
    topics = Map.copyOf(topics);
  }
}
