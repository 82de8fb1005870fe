package io.apogeemq.client.producer;

import io.apogeemq.client.message.Message;

/**
 * A message made ready for the wire once, before any attempt, so retries resend the same bytes and
 * the same unique id.
 *
 * @param topic topic with the namespace applied
 * @param body body as sent (compressed when {@code sysFlag} says so) or a batch body
 * @param sysFlag producer sysflag bits (compression, transaction type)
 * @param properties encoded properties string
 * @param uniqueId {@code UNIQ_KEY} (for a batch: the wrapper's)
 * @param message the user message (for a batch: the first one), for selectors
 * @param batchIds unique ids of the batch's messages, or {@code null} for a single message
 */
record PreparedMessage(String topic, byte[] body, int sysFlag, String properties, String uniqueId,
    Message message, String[] batchIds) {

  boolean isBatch() {
    return batchIds != null;
  }
}
