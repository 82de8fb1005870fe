package io.apogeemq.client.consumer.allocate;

import io.apogeemq.client.message.MessageQueue;
import java.util.List;

/**
 * {@code AVG}: consumer i of c takes a contiguous range; the first {@code n % c} consumers take one
 * queue more. With more consumers than queues the last ones take none.
 */
final class AverageAllocation implements AllocationStrategy {

  @Override
  public List<MessageQueue> allocate(String consumerId, List<MessageQueue> queues,
      List<String> consumerIds) {
    int i = consumerIds.indexOf(consumerId);
    if (i < 0 || queues.isEmpty()) {
      return List.of();
    }
    int n = queues.size();
    int c = consumerIds.size();
    int mod = n % c;
    int size = n <= c ? 1 : (mod > 0 && i < mod ? n / c + 1 : n / c);
    int start = mod > 0 && i < mod ? i * size : i * size + mod;
    int count = Math.min(size, n - start);
    return count <= 0 ? List.of() : List.copyOf(queues.subList(start, start + count));
  }

  @Override
  public String name() {
    return "AVG";
  }
}
