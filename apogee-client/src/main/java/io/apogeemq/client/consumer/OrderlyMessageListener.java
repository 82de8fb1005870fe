package io.apogeemq.client.consumer;

import java.util.List;

/**
 * Consumes the messages of one queue in queue-offset order, one batch (of at most the configured
 * batch size) at a time per queue: the next batch of a queue is delivered only after this call
 * returned {@link OrderlyResult#SUCCESS}. In clustering mode the queue is locked on its broker
 * while this member consumes it, so no other member of the group consumes it meanwhile.
 *
 * <p>Called on the consumer's pool (different queues in parallel); may block. A thrown exception
 * or a {@code null} result counts as {@link OrderlyResult#SUSPEND}.
 */
@FunctionalInterface
public interface OrderlyMessageListener {

  OrderlyResult consume(List<ReceivedMessage> messages) throws Exception;
}
