package io.apogeemq.store.retention;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.store.StoreConfig;
import io.apogeemq.store.WriteGate;
import io.apogeemq.store.commitlog.CommitLog;
import io.apogeemq.store.dispatch.DispatchService;
import io.apogeemq.store.file.MappedSegment;
import io.apogeemq.store.file.SegmentList;
import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes whole expired CommitLog segments, oldest first and never the current one
 * (storage.md §13): at the hours of {@code deleteWhen}, or at any hour once disk usage passes
 * {@code diskMaxUsedSpaceRatio}; segments older than {@code fileReservedTime} hours go, or any
 * segment once usage passes {@code diskSpaceCleanForciblyRatio}. Above
 * {@code diskSpaceWarningLevelRatio} appends are refused until usage drops back under the forced
 * clean level. Consume queues and index follow through the dispatch thread. A segment a reader
 * still holds is unmapped and deleted only when it is released.
 *
 * <p>Owns one thread, {@code apogee-store-retention}; {@link #runOnce()} is also callable by tests
 * while that thread is not started.
 */
public final class RetentionService {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
  private static final int MAX_DELETES_PER_ROUND = 10;
  private static final int MANUAL_ROUNDS = 20;

  private final StoreConfig config;
  private final CommitLog commitLog;
  private final StorageIo io;
  private final Clock clock;
  private final DispatchService dispatch;
  private final WriteGate gate;
  private final Set<Integer> deleteHours = new HashSet<>();
  private volatile int manualRounds;
  private ScheduledExecutorService executor;

  public RetentionService(StoreConfig config, CommitLog commitLog, StorageIo io, Clock clock,
      DispatchService dispatch, WriteGate gate) {
    this.config = config;
    this.commitLog = commitLog;
    this.io = io;
    this.clock = clock;
    this.dispatch = dispatch;
    this.gate = gate;
    for (String h : config.deleteWhen().split(";")) {
      if (!h.isBlank()) {
        deleteHours.add(Integer.parseInt(h.trim()));
      }
    }
  }

  public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(
        new NamedThreadFactory("apogee-store-retention"));
    executor.scheduleWithFixedDelay(this::runSafely, config.cleanResourceInterval(),
        config.cleanResourceInterval(), TimeUnit.MILLISECONDS);
  }

  /** Arms deletion regardless of hour for the next rounds (admin {@code deleteExpiredCommitLog}). */
  public void deleteExpiredNow() {
    manualRounds = MANUAL_ROUNDS;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.error("retention round failed", e);
    }
  }

  /**
   * One retention round.
   *
   * @return number of CommitLog segments deleted
   */
  public int runOnce() {
    double used;
    try {
      used = io.usedRatio(config.storePathCommitLog()) * 100;
    } catch (IOException e) {
      LOG.warn("cannot read disk usage of {}: {}", config.storePathCommitLog(), e.toString());
      used = 0;
    }
    if (used > config.diskSpaceWarningLevelRatio()) {
      gate.block("disk", String.format("disk of %s is %.1f%% full (warning level %d%%)",
          config.storePathCommitLog(), used, config.diskSpaceWarningLevelRatio()));
    } else if (used <= config.diskSpaceCleanForciblyRatio()) {
      gate.unblock("disk");
    }
    boolean atHour = deleteHours.contains(
        Instant.ofEpochMilli(clock.millis()).atZone(clock.getZone()).getHour());
    boolean spaceFull = used > config.diskMaxUsedSpaceRatio();
    boolean manual = manualRounds > 0;
    if (manual) {
      manualRounds--;
    }
    if (!atHour && !spaceFull && !manual) {
      return 0;
    }
    boolean immediately = used > config.diskSpaceCleanForciblyRatio();
    long reservedMillis = config.fileReservedTime() * 3_600_000L;
    long now = clock.millis();
    SegmentList segments = commitLog.segments();
    int deleted = 0;
    while (deleted < MAX_DELETES_PER_ROUND && segments.segments().size() > 1) {
      MappedSegment first = segments.first();
      if (!immediately && now < first.lastModified() + reservedMillis) {
        break;
      }
      LOG.info("deleting CommitLog segment {} (age {} h{})", first.file(),
          (now - first.lastModified()) / 3_600_000L, immediately ? ", disk " + (int) used
              + "% full" : "");
      if (!segments.deleteFirst()) {
        break;
      }
      deleted++;
    }
    if (deleted > 0) {
      dispatch.requestCleanup(commitLog.minOffset());
    }
    return deleted;
  }

  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
