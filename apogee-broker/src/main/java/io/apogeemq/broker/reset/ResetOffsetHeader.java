package io.apogeemq.broker.reset;

import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;

/**
 * The header of {@code INVOKE_BROKER_TO_RESET_OFFSET} (222), codes.md §5.13.
 *
 * @param timestamp epoch ms to reset to; {@code -1} = the end of each queue
 * @param force reset even when the new offset is ahead of the committed one (field
 *     {@code isForce})
 * @param queueId one queue (5.x), or -1 for every queue of the topic
 * @param offset explicit offset for {@code queueId} (5.x), or -1
 */
public record ResetOffsetHeader(String topic, String group, long timestamp, boolean force,
    int queueId, long offset) {

  public static ResetOffsetHeader parse(RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    return new ResetOffsetHeader(h.requireString("topic"), h.requireString("group"),
        h.requireLong("timestamp"), h.requireBoolean("isForce"), h.optionalInt("queueId", -1),
        h.optionalLong("offset", -1));
  }
}
