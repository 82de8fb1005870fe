package io.apogeemq.common.message;

/**
 * Fixed field offsets of a message record (messages.md §1). Fields after {@code BORNHOST} move with
 * the host widths, so they are computed from the sysFlag.
 */
public final class RecordLayout {

  public static final int TOTAL_SIZE = 0;
  public static final int MAGIC = 4;
  public static final int BODY_CRC = 8;
  public static final int QUEUE_ID = 12;
  public static final int FLAG = 16;
  public static final int QUEUE_OFFSET = 20;
  public static final int PHYSICAL_OFFSET = 28;
  public static final int SYS_FLAG = 36;
  public static final int BORN_TIMESTAMP = 40;
  public static final int BORN_HOST = 48;
  /** Size of the BLANK filler written at a segment end. */
  public static final int BLANK_FILLER_SIZE = 8;

  private RecordLayout() {}

  public static int storeTimestampOffset(int sysFlag) {
    return BORN_HOST + SysFlag.bornHostLength(sysFlag);
  }

  public static int storeHostOffset(int sysFlag) {
    return storeTimestampOffset(sysFlag) + 8;
  }

  /** Offset of the int32 body length field. */
  public static int bodyLengthOffset(int sysFlag) {
    return storeHostOffset(sysFlag) + SysFlag.storeHostLength(sysFlag) + 4 + 8;
  }

  /** TOTALSIZE of a record with these variable parts. */
  public static int totalSize(int sysFlag, int bodyLength, int topicLength, int propertiesLength) {
    int magicTopicWidth = MessageMagic.topicLengthWidth(MessageMagic.forTopicLength(topicLength));
    return bodyLengthOffset(sysFlag) + 4 + bodyLength + magicTopicWidth + topicLength + 2
        + propertiesLength;
  }
}
