package io.apogeemq.broker.pull;

import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;

/**
 * The header of a {@code PULL_MESSAGE} (11) or {@code LITE_PULL_MESSAGE} (361) request. Missing
 * required keys or unparsable numbers are rejected by {@link HeaderReader} with the key named.
 *
 * @param maxMsgBytes 5.x byte budget; {@link Integer#MAX_VALUE} when absent (4.9)
 */
public record PullRequestHeader(String consumerGroup, String topic, int queueId, long queueOffset,
    int maxMsgNums, int sysFlag, long commitOffset, long suspendTimeoutMillis, String subscription,
    long subVersion, String expressionType, int maxMsgBytes) {

  public static PullRequestHeader of(RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    return new PullRequestHeader(h.requireString("consumerGroup"), h.requireString("topic"),
        h.requireInt("queueId"), h.requireLong("queueOffset"), h.requireInt("maxMsgNums"),
        h.requireInt("sysFlag"), h.optionalLong("commitOffset", 0),
        h.optionalLong("suspendTimeoutMillis", 0), h.optionalString("subscription"),
        h.optionalLong("subVersion", 0), h.optionalString("expressionType"),
        h.optionalInt("maxMsgBytes", Integer.MAX_VALUE));
  }

  public boolean commitOffsetFlag() {
    return PullSysFlag.has(sysFlag, PullSysFlag.COMMIT_OFFSET);
  }

  public boolean suspendFlag() {
    return PullSysFlag.has(sysFlag, PullSysFlag.SUSPEND);
  }

  public boolean subscriptionFlag() {
    return PullSysFlag.has(sysFlag, PullSysFlag.SUBSCRIPTION);
  }

  /** Where the request reads: {@code topic@queueId}, for messages. */
  public String where() {
    return "group " + consumerGroup + " topic " + topic + " queue " + queueId + " offset "
        + queueOffset;
  }
}
