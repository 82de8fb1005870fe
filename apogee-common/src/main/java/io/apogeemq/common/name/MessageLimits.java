package io.apogeemq.common.name;

/** Size limits of messages (messages.md §7.3, storage.md §3.2). */
public final class MessageLimits {

  /** Default {@code maxMessageSize}: largest body accepted. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
  /** A whole record may exceed {@code maxMessageSize} by at most this much. */
  public static final int RECORD_OVERHEAD_ALLOWANCE = 64 * 1024;
  /** Properties string limit (int16 length). */
  public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;
  /** Remoting frame limit. */
  public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
  /** Broker cap on unique-key query results. */
  public static final int DEFAULT_QUERY_MAX_NUM = 32;

  private MessageLimits() {}

  /** Why a body of this size is refused under {@code maxMessageSize}, or null when it is fine. */
  public static String bodyProblem(int bodyLength, int maxMessageSize) {
    if (bodyLength > maxMessageSize) {
      return "body of " + bodyLength + " bytes exceeds maxMessageSize " + maxMessageSize;
    }
    return null;
  }
}
