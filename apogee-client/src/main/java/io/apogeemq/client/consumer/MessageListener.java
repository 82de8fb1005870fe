package io.apogeemq.client.consumer;

import java.util.List;

/**
 * Consumes a batch (of at most the configured batch size) of messages of one queue. Called on the
 * consumer's pool; may block. A thrown exception or a {@code null} result counts as
 * {@link ConsumeResult#RETRY_LATER}.
 */
@FunctionalInterface
public interface MessageListener {

  ConsumeResult consume(List<ReceivedMessage> messages) throws Exception;
}
