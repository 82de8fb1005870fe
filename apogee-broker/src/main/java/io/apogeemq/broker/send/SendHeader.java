package io.apogeemq.broker.send;

import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;

/**
 * The request header of {@code SEND_MESSAGE} (long key names) and {@code SEND_MESSAGE_V2} /
 * {@code SEND_BATCH_MESSAGE} (one-letter keys {@code a..n}), codes.md §3.1–3.3, in one form.
 *
 * @param queueId target queue; negative asks the broker to pick one
 * @param properties encoded properties string (never null)
 * @param batch true when the body is a batch (the broker decides on this flag, not on the code)
 * @param maxReconsumeTimes null when absent
 * @param version the request's protocol version (413 = 5.0.0; older is a 4.x client)
 */
public record SendHeader(
    String producerGroup,
    String topic,
    String defaultTopic,
    int defaultTopicQueueNums,
    int queueId,
    int sysFlag,
    long bornTimestamp,
    int flag,
    String properties,
    int reconsumeTimes,
    boolean batch,
    Integer maxReconsumeTimes,
    int version) {

  /** First protocol version of RocketMQ 5.0.0; 5.x clients know INVALID_PARAMETER. */
  public static final int V5_0_0 = 413;

  /**
   * Reads the header of a send request.
   *
   * @throws io.apogeemq.remoting.header.HeaderFieldException naming a missing or malformed field
   */
  public static SendHeader parse(RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    if (request.code() == RequestCode.SEND_MESSAGE) {
      return new SendHeader(h.requireString("producerGroup"), h.requireString("topic"),
          h.requireString("defaultTopic"), h.requireInt("defaultTopicQueueNums"),
          h.requireInt("queueId"), h.requireInt("sysFlag"), h.requireLong("bornTimestamp"),
          h.requireInt("flag"), nonNull(h.optionalString("properties")),
          h.optionalInt("reconsumeTimes", 0), h.optionalBoolean("batch", false),
          h.optionalInteger("maxReconsumeTimes"), request.version());
    }
    return new SendHeader(h.requireString("a"), h.requireString("b"), h.requireString("c"),
        h.requireInt("d"), h.requireInt("e"), h.requireInt("f"), h.requireLong("g"),
        h.requireInt("h"), nonNull(h.optionalString("i")), h.optionalInt("j", 0),
        h.optionalBoolean("m", false), h.optionalInteger("l"), request.version());
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** Whether the client is a 5.x client (knows {@code INVALID_PARAMETER}). */
  public boolean fromV5Client() {
    return version >= V5_0_0;
  }
}
