package io.apogeemq.store.commitlog;

import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.file.MappedSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the end of the last whole record after a restart and cuts the CommitLog there
 * (storage.md §11.2, §11.3). After a clean shutdown the scan starts at the third-last segment;
 * after a crash it starts at the newest segment whose first record is older than the
 * checkpoint's {@code minTimestamp} (or the first segment), and everything from there is
 * re-dispatched.
 *
 * <p>Runs once, before the store accepts appends; not thread-safe.
 */
public final class CommitLogRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(CommitLogRecovery.class);

  /**
   * What recovery found and did.
   *
   * @param endOffset CommitLog offset after the last whole record (new max offset)
   * @param scanFrom where the scan started (abnormal recovery re-dispatches from here)
   * @param records whole records scanned
   * @param stopReason why the scan stopped before the physical end, or null at a clean end
   * @param droppedSegments segments deleted because they lay after the end
   */
  public record Outcome(long endOffset, long scanFrom, long records, String stopReason,
      int droppedSegments) {

    /** One line for the log and for tests. */
    public String describe() {
      return "CommitLog recovered to offset " + endOffset + " after scanning " + records
          + " records from offset " + scanFrom
          + (stopReason == null ? "" : "; truncated there: " + stopReason)
          + (droppedSegments > 0 ? "; deleted " + droppedSegments
              + " segment(s) after the end (incl. unused pre-allocated ones)" : "");
    }
  }

  private CommitLogRecovery() {}

  public static Outcome recover(CommitLog log, boolean abnormal, StoreCheckpoint checkpoint,
      boolean checkCrc) throws IOException {
    List<MappedSegment> segs = log.segments().segments();
    if (segs.isEmpty()) {
      return new Outcome(0, 0, 0, null, 0);
    }
    int start = abnormal ? abnormalStart(segs, checkpoint) : Math.max(0, segs.size() - 3);
    long scanFrom = segs.get(start).baseOffset();
    long records = 0;
    String stop = null;
    long end = scanFrom;
    int i = start;
    scan:
    for (; i < segs.size(); i++) {
      MappedSegment seg = segs.get(i);
      ByteBuffer buf = seg.slice(0, seg.size());
      int pos = 0;
      while (true) {
        RecordScanner.Scan s = RecordScanner.scan(buf, pos, seg.size(), seg.baseOffset() + pos,
            checkCrc);
        switch (s.kind()) {
          case RECORD -> {
            pos += s.size();
            records++;
            end = seg.baseOffset() + pos;
            if (pos >= seg.size()) {
              continue scan;
            }
          }
          case BLANK -> {
            end = seg.baseOffset() + seg.size();
            continue scan;
          }
          case END -> {
            end = seg.baseOffset() + pos;
            if (pos < seg.size() && i < segs.size() - 1 && laterSegmentsWritten(segs, i + 1)) {
              stop = "unwritten bytes at offset " + end + " before later, written segments";
            }
            break scan;
          }
          default -> {
            end = seg.baseOffset() + pos;
            stop = "invalid record at offset " + end + ": " + s.reason();
            break scan;
          }
        }
      }
    }
    int before = segs.size();
    log.segments().truncate(end);
    int dropped = before - log.segments().segments().size();
    Outcome o = new Outcome(end, scanFrom, records, stop, dropped);
    if (stop != null || dropped > 0) {
      LOG.warn(o.describe());
    } else {
      LOG.info(o.describe());
    }
    return o;
  }

  /** True when a segment after {@code from} holds anything (an unused pre-allocation does not). */
  private static boolean laterSegmentsWritten(List<MappedSegment> segs, int from) {
    for (int i = from; i < segs.size(); i++) {
      if (segs.get(i).getLong(0) != 0) {
        return true;
      }
    }
    return false;
  }

  private static int abnormalStart(List<MappedSegment> segs, StoreCheckpoint checkpoint) {
    long min = checkpoint.minTimestamp();
    for (int i = segs.size() - 1; i >= 0; i--) {
      MappedSegment seg = segs.get(i);
      ByteBuffer buf = seg.slice(0, seg.size());
      RecordScanner.Scan s = RecordScanner.scan(buf, 0, seg.size(), seg.baseOffset(), false);
      if (s.kind() == RecordScanner.Kind.RECORD) {
        long ts = s.record().storeTimestamp();
        if (ts != 0 && ts <= min) {
          return i;
        }
      }
    }
    return 0;
  }
}
