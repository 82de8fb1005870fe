package io.apogeemq.store.commitlog;

import io.apogeemq.store.file.MappedSegment;
import java.nio.ByteBuffer;

/**
 * Whether a CommitLog offset is a record boundary: the start of a segment, the end of a whole
 * record, or the end of the log. Used before a replica truncates its log to
 * the master's end, so that it never keeps half a record. Scans the records of the one segment
 * holding the offset, from its start.
 *
 * <p>Thread-safe: reads a retained segment and writes nothing.
 */
public final class RecordBoundary {

  private RecordBoundary() {}

  /**
   * Null when {@code offset} is a record boundary of {@code log}, otherwise why it is not (naming
   * the record that spans it).
   */
  public static String check(CommitLog log, long offset) {
    if (offset == log.maxOffset() || offset % log.segmentSize() == 0) {
      return null;
    }
    MappedSegment seg = log.segments().find(offset);
    if (seg == null || !seg.tryRetain()) {
      return "offset " + offset + " is not stored (CommitLog holds " + log.minOffset() + ".."
          + log.maxOffset() + ")";
    }
    try {
      ByteBuffer buf = seg.slice(0, seg.size());
      int target = (int) (offset - seg.baseOffset());
      int limit = seg.writePosition();
      int pos = 0;
      while (pos < target) {
        RecordScanner.Scan s = RecordScanner.scan(buf, pos, limit, seg.baseOffset() + pos, false);
        if (s.kind() == RecordScanner.Kind.CORRUPT) {
          return "corrupt record at offset " + (seg.baseOffset() + pos) + " before " + offset
              + ": " + s.reason();
        }
        if (s.kind() != RecordScanner.Kind.RECORD) {
          return "offset " + offset + " falls inside the "
              + (s.kind() == RecordScanner.Kind.BLANK ? "end-of-segment filler" : "unwritten tail")
              + " that starts at offset " + (seg.baseOffset() + pos);
        }
        if (pos + s.size() > target) {
          return "offset " + offset + " falls inside the record of " + s.size()
              + " bytes at offset " + (seg.baseOffset() + pos);
        }
        pos += s.size();
      }
      return null;
    } finally {
      seg.release();
    }
  }
}
