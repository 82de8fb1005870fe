package io.apogeemq.client.consumer.allocate;

import io.apogeemq.client.message.MessageQueue;
import java.util.List;

/**
 * Decides which queues of a topic one consumer of a group takes (semantics.md §6.2). Every member
 * runs the same strategy on the same sorted inputs, so together they split the queues without
 * overlap — also with official clients in the group, because each strategy yields the same
 * assignment as the official class of the same {@link #name()}.
 *
 * <p>Implementations are pure functions: stateless (or immutable) and thread-safe.
 */
public interface AllocationStrategy {

  /**
   * @param consumerId this consumer's client id
   * @param queues all queues of the topic, sorted by topic, broker name, queue id
   * @param consumerIds all client ids of the group, sorted
   * @return this consumer's queues (empty when it is not in {@code consumerIds})
   */
  List<MessageQueue> allocate(String consumerId, List<MessageQueue> queues,
      List<String> consumerIds);

  /** The official strategy name ({@code AVG}, {@code AVG_BY_CIRCLE}, ...). */
  String name();

  /** The default: contiguous, equal-sized ranges. */
  static AllocationStrategy averagely() {
    return new AverageAllocation();
  }

  static AllocationStrategy averagelyByCircle() {
    return new CircleAllocation();
  }

  static AllocationStrategy consistentHash() {
    return new ConsistentHashAllocation(ConsistentHashAllocation.DEFAULT_VIRTUAL_NODES);
  }

  static AllocationStrategy byConfig(List<MessageQueue> queues) {
    return new ConfigAllocation(queues);
  }
}
