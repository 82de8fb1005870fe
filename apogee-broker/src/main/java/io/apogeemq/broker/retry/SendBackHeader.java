package io.apogeemq.broker.retry;

import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;

/**
 * The header of {@code CONSUMER_SEND_MSG_BACK} (36), codes.md §4.9.
 *
 * @param offset CommitLog (physical) offset of the failed message
 * @param group the consumer group that failed to consume it
 * @param delayLevel 0 = the broker chooses {@code 3 + reconsumeTimes}; negative = straight to the
 *     dead-letter queue; positive = that level
 * @param originMsgId the message id the consumer saw (its unique key), or null
 * @param originTopic the topic the consumer saw, or null
 * @param maxReconsumeTimes the consumer's limit, or null to use the group's {@code retryMaxTimes}
 */
public record SendBackHeader(long offset, String group, int delayLevel, String originMsgId,
    String originTopic, Integer maxReconsumeTimes) {

  /** Reads the header; a missing or malformed required field answers SYSTEM_ERROR naming it. */
  public static SendBackHeader parse(RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    return new SendBackHeader(h.requireLong("offset"), h.requireString("group"),
        h.requireInt("delayLevel"), h.optionalString("originMsgId"),
        h.optionalString("originTopic"), h.optionalInteger("maxReconsumeTimes"));
  }
}
