package io.apogeemq.broker.retry;

import io.apogeemq.common.message.MalformedRecordException;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.file.SegmentSlice;
import java.util.Optional;

/**
 * Reads the whole message stored at a CommitLog offset, checking that a record really starts
 * there (an offset into the middle of a record, past the end or already deleted finds nothing).
 *
 * <p>Thread-safe (the store is).
 */
final class OriginalMessageReader {

  private final MessageStore store;

  OriginalMessageReader(MessageStore store) {
    this.store = store;
  }

  Optional<MessageRecord> read(long physicalOffset) {
    if (physicalOffset < 0 || physicalOffset >= store.commitLogMaxOffset()) {
      return Optional.empty();
    }
    try (SegmentSlice slice = store.getByPhysicalOffset(physicalOffset)) {
      if (slice == null) {
        return Optional.empty();
      }
      MessageRecord r = MessageRecordCodec.decode(slice.buffer().duplicate(), false);
      return r.physicalOffset() == physicalOffset ? Optional.of(r) : Optional.empty();
    } catch (MalformedRecordException | IllegalArgumentException
        | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  String range() {
    return store.commitLogMinOffset() + ".." + store.commitLogMaxOffset();
  }
}
