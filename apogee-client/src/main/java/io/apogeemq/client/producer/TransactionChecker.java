package io.apogeemq.client.producer;

import io.apogeemq.client.consumer.ReceivedMessage;

/**
 * Answers the broker's check-back for a half message whose outcome is still unknown. Runs on the
 * client's bounded check executor; an exception or {@code null} answers UNKNOWN (asked again).
 */
@FunctionalInterface
public interface TransactionChecker {

  TransactionState check(ReceivedMessage half) throws Exception;
}
