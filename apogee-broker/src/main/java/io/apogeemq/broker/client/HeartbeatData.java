package io.apogeemq.broker.client;

import java.util.List;
import java.util.Objects;

/**
 * The body of a {@code HEART_BEAT} request (codes.md §4.1): who the client instance is and which
 * producer and consumer groups it runs.
 */
public record HeartbeatData(String clientId, List<String> producerGroups,
    List<ConsumerData> consumers) {

  public HeartbeatData {
    Objects.requireNonNull(clientId, "clientId");
    producerGroups = producerGroups == null ? List.of() : List.copyOf(producerGroups);
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
  }
}
