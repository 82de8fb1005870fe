package io.apogeemq.client.producer;

import io.apogeemq.client.message.SendResult;

/**
 * A transactional send: the stored half message and what was told to the broker.
 *
 * @param half the half message's send result ({@code transactionId} = its unique id)
 * @param state the state sent with END_TRANSACTION
 */
public record TransactionResult(SendResult half, TransactionState state) {}
