package io.apogeemq.broker.lock;

import java.util.Objects;

/**
 * A message queue as clients name it on the wire (the official {@code MessageQueue}): topic, the
 * broker group that serves it, and the queue id within that broker.
 */
public record QueueAddress(String topic, String brokerName, int queueId) {

  public QueueAddress {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(brokerName, "brokerName");
  }

  @Override
  public String toString() {
    return topic + "@" + brokerName + "-" + queueId;
  }
}
