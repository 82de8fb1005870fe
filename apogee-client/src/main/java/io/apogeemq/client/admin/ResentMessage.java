package io.apogeemq.client.admin;

/**
 * Where a re-sent dead letter was stored ({@link Admin#resendDeadLetter}).
 *
 * @param brokerAddr the broker that held the letter and stored the copy
 * @param topic the original topic the copy went to
 * @param queueId its queue
 * @param queueOffset its queue offset
 * @param offsetMsgId the offset message id of the copy (its unique key stays the letter's)
 */
public record ResentMessage(String brokerAddr, String topic, int queueId, long queueOffset,
    String offsetMsgId) {}
