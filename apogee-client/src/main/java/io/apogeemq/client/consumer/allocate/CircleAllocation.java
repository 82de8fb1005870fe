package io.apogeemq.client.consumer.allocate;

import io.apogeemq.client.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** {@code AVG_BY_CIRCLE}: consumer i of c takes every queue k with {@code k % c == i}. */
final class CircleAllocation implements AllocationStrategy {

  @Override
  public List<MessageQueue> allocate(String consumerId, List<MessageQueue> queues,
      List<String> consumerIds) {
    int i = consumerIds.indexOf(consumerId);
    if (i < 0) {
      return List.of();
    }
    List<MessageQueue> out = new ArrayList<>();
    for (int k = i; k < queues.size(); k += consumerIds.size()) {
      out.add(queues.get(k));
    }
    return List.copyOf(out);
  }

  @Override
  public String name() {
    return "AVG_BY_CIRCLE";
  }
}
