package io.apogeemq.common.message;

/**
 * The magic codes that open a stored or transferred message record (messages.md §1, storage.md §3.3).
 *
 * <p>V1 stores the topic length in one byte, V2 in two. {@link #BLANK} marks the unused tail of a
 * CommitLog segment and never travels on the wire.
 */
public final class MessageMagic {

  /** Record with an int8 topic length; what every 4.9 and 5.x client can read. */
  public static final int V1 = 0xDAA320A7;
  /** Record with an int16 topic length; used only for topics longer than 127 bytes. */
  public static final int V2 = 0xDAA320AB;
  /** End-of-segment filler: {@code int32 remaining, int32 BLANK}. */
  public static final int BLANK = 0xCBD43194;

  private MessageMagic() {}

  /** True for the two record magics (not for {@link #BLANK}). */
  public static boolean isRecord(int magic) {
    return magic == V1 || magic == V2;
  }

  /** The magic a record of this topic must carry: V1 unless the topic needs more than 127 bytes. */
  public static int forTopicLength(int topicByteLength) {
    return topicByteLength > Byte.MAX_VALUE ? V2 : V1;
  }

  /** Width in bytes of the topic length field for the given record magic. */
  public static int topicLengthWidth(int magic) {
    return magic == V2 ? 2 : 1;
  }
}
