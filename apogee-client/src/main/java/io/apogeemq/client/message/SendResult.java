package io.apogeemq.client.message;

/**
 * Result of sending one message.
 *
 * @param status store outcome
 * @param messageId the client-generated unique id ({@code UNIQ_KEY})
 * @param offsetMessageId the broker's offset id (store host + commit log offset)
 * @param queue the queue the message went to
 * @param queueOffset its consume-queue offset
 * @param transactionId the broker's transaction id (its unique key), or {@code null}
 * @param regionId the broker region ({@code MSG_REGION})
 */
public record SendResult(SendStatus status, String messageId, String offsetMessageId,
    MessageQueue queue, long queueOffset, String transactionId, String regionId) {
}
