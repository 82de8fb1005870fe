package io.apogeemq.client.consumer.allocate;

import io.apogeemq.client.message.MessageQueue;
import java.util.List;

/** {@code CONFIG}: always the configured queues, whoever else is in the group. */
final class ConfigAllocation implements AllocationStrategy {

  private final List<MessageQueue> configured;

  ConfigAllocation(List<MessageQueue> configured) {
    this.configured = List.copyOf(configured);
  }

  @Override
  public List<MessageQueue> allocate(String consumerId, List<MessageQueue> queues,
      List<String> consumerIds) {
    return consumerIds.contains(consumerId) ? configured : List.of();
  }

  @Override
  public String name() {
    return "CONFIG";
  }
}
