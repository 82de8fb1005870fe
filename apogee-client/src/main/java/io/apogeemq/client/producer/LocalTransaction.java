package io.apogeemq.client.producer;

import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.SendResult;

/**
 * The application's local transaction, run after the half message is stored. An exception or
 * {@code null} counts as {@link TransactionState#UNKNOWN}.
 */
@FunctionalInterface
public interface LocalTransaction {

  TransactionState execute(Message message, SendResult half) throws Exception;
}
