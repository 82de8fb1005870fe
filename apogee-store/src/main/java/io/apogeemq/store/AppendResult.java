package io.apogeemq.store;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.OffsetMessageId;

/**
 * Result of appending one message or one batch.
 *
 * @param physicalOffset CommitLog offset of the first record (-1 when not stored)
 * @param wroteBytes bytes written for all records
 * @param queueOffset queue offset of the first message
 * @param storeTimestamp store time given to the records
 * @param messageCount number of records written
 * @param physicalOffsets offsets of every record of a batch, or null for a single message
 * @param error why nothing was stored (null when stored)
 */
public record AppendResult(
    PutStatus status,
    long physicalOffset,
    int wroteBytes,
    long queueOffset,
    long storeTimestamp,
    int messageCount,
    long[] physicalOffsets,
    String error) {

  /** A refused append. */
  public static AppendResult failed(PutStatus status, String error) {
    return new AppendResult(status, -1, 0, -1, 0, 0, null, error);
  }

  /** Same result with another status (flush outcome). */
  public AppendResult withStatus(PutStatus s) {
    return s == status ? this
        : new AppendResult(s, physicalOffset, wroteBytes, queueOffset, storeTimestamp,
            messageCount, physicalOffsets, error);
  }

  /** Offset after the last written byte (what a flush must reach). */
  public long nextOffset() {
    return physicalOffset + wroteBytes;
  }

  /** The offset message id (comma separated for a batch), messages.md §5.1. */
  public String offsetMessageId(MessageHost storeHost) {
    if (physicalOffsets == null) {
      return OffsetMessageId.encode(storeHost, physicalOffset);
    }
    StringBuilder sb = new StringBuilder(physicalOffsets.length * 33);
    for (int i = 0; i < physicalOffsets.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(OffsetMessageId.encode(storeHost, physicalOffsets[i]));
    }
    return sb.toString();
  }
}
