package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import java.util.Map;

/**
 * Consumed offsets of one consumer group: where each queue resumes. The clustering store keeps
 * them on the broker; the broadcasting store in a local file.
 *
 * <p>Implementations are thread-safe.
 */
interface OffsetStore {

  /** Raises the in-memory offset of {@code queue} (never lowers it). */
  void update(MessageQueue queue, long offset);

  /** Sets the in-memory offset, also lowering it (after an offset reset or OFFSET_MOVED). */
  void reset(MessageQueue queue, long offset);

  /** The in-memory offset, or -1. */
  long current(MessageQueue queue);

  /**
   * The stored offset: {@code >= 0}, {@code -1} when none is stored.
   *
   * @throws io.apogeemq.client.ClientException when the store cannot be read
   */
  long read(MessageQueue queue);

  /** Writes the offsets of {@code queues} (oneway where possible). */
  void persist(Iterable<MessageQueue> queues);

  /** Writes and waits (shutdown, queue removal). */
  void persistNow(MessageQueue queue);

  /** Forgets a queue no longer assigned. */
  void remove(MessageQueue queue);

  Map<MessageQueue, Long> snapshot();
}
