package io.apogeemq.store;

import io.apogeemq.store.checkpoint.StoreCheckpoint;
import io.apogeemq.store.commitlog.CommitLog;
import io.apogeemq.store.commitlog.CommitLogRecovery;
import io.apogeemq.store.dispatch.DispatchService;
import io.apogeemq.store.index.IndexService;
import io.apogeemq.store.queue.ConsumeQueue;
import io.apogeemq.store.queue.ConsumeQueueTable;
import java.io.IOException;

/**
 * The recovery part of start-up (storage.md §9, §11): consume queues, CommitLog, cutting queues and
 * index back to the log end, synchronous re-dispatch, queue offset table. Runs once on the opening
 * thread before any service thread starts; not thread-safe.
 */
final class StoreRecovery {

  /** The dispatcher positioned at the log end, and what recovery did. */
  record Result(DispatchService dispatch, String report) {}

  private StoreRecovery() {}

  static Result run(StoreConfig config, CommitLog commitLog, ConsumeQueueTable queues,
      IndexService index, StoreCheckpoint checkpoint, boolean abnormal) throws IOException {
    StringBuilder report = new StringBuilder(abnormal
        ? "previous run did not shut down cleanly (abort marker found); "
        : "clean previous shutdown; ");
    long cqEntries = 0;
    for (ConsumeQueue cq : queues.all()) {
      cqEntries += cq.recover();
    }
    CommitLogRecovery.Outcome outcome = CommitLogRecovery.recover(commitLog, abnormal,
        checkpoint, config.checkCRCOnRecover());
    report.append(outcome.describe());
    long end = outcome.endOffset();
    if (commitLog.segments().isEmpty()) {
      queues.destroyAll();
    }
    long cut = 0;
    for (ConsumeQueue cq : queues.all()) {
      if (cq.maxPhysicalOffset() > end) {
        cut += cq.truncateAfter(end);
      }
    }
    if (cut > 0) {
      report.append("; removed ").append(cut)
          .append(" consume queue entries pointing past the CommitLog end");
    }
    long from = abnormal ? outcome.scanFrom()
        : Math.max(queues.maxPhysicalOffset(), commitLog.minOffset());
    if (index != null) {
      long rebuild = index.truncateAfter(end);
      if (rebuild < end) {
        report.append("; index rebuilt from offset ").append(rebuild);
      }
      from = Math.min(from, rebuild);
    }
    from = Math.max(Math.min(from, end), commitLog.minOffset());
    DispatchService dispatch = new DispatchService(commitLog, queues, index, from);
    int redispatched = 0;
    int n;
    while ((n = dispatch.dispatchAvailable()) > 0) {
      redispatched += n;
    }
    report.append("; re-dispatched ").append(redispatched).append(" records from offset ")
        .append(from).append(" (").append(cqEntries).append(" consume queue entries found)");
    for (ConsumeQueue cq : queues.all()) {
      commitLog.setNextQueueOffset(cq.topic(), cq.queueId(), cq.maxOffset());
      cq.deleteExpired(commitLog.minOffset());
    }
    return new Result(dispatch, report.toString());
  }
}
