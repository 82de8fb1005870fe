package io.apogeemq.broker.schedule;

import io.apogeemq.common.lifecycle.ServiceLoop;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.MalformedRecordException;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.TagFilter;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that delivers delay-level messages (semantics.md §2.3): for each level it walks
 * {@code SCHEDULE_TOPIC_XXXX} queue {@code level-1} from its progress offset, re-puts every due
 * message to its real topic and queue ({@link RealDestination}) and stops at the first message
 * not yet due. Within a level, messages are stored in time order and share one delay, so they
 * come due in queue order: delivery is in order per level, and the head of each level tells when
 * that level is next due.
 *
 * <p>It sleeps until the earliest head is due (no polling), and is woken when a message arrives
 * in a level that had nothing pending. A re-put that the store refuses is retried after 100 ms
 * with the level's progress held at that message. Progress is saved to
 * {@code delayOffset.json} every {@code flushDelayOffsetInterval} and when the loop stops; since a
 * re-put is durable before progress moves past it, delivery is at-least-once across a crash and
 * exactly-once across a clean stop.
 *
 * <p>Thread-safety: the progress array is owned by the loop thread; {@link #arrived} may be called
 * from any thread; {@link #saveProgress()} only after {@link #stop()} returned.
 */
final class DelayDeliveryLoop extends ServiceLoop {

  private static final Logger LOG = LoggerFactory.getLogger(DelayDeliveryLoop.class);
  private static final long RETRY_MILLIS = 100;
  private static final long APPEND_TIMEOUT_SECONDS = 5;
  /** Deliveries of one level per round before the other levels get their turn. */
  private static final int ROUND_BUDGET = 1024;

  private final MessageStore store;
  private final DelayLevels levels;
  private final Clock clock;
  private final DelayOffsetFile file;
  private final long flushIntervalMillis;
  private final long[] progress;
  private final boolean[] failing;
  /** Levels with nothing pending, as a bit set (level L = bit L-1); levels above 64 always wake. */
  private volatile long idleLevels = -1L;
  private volatile boolean work = true;
  private long savedAt;
  private long[] saved;

  DelayDeliveryLoop(MessageStore store, DelayLevels levels, Clock clock, DelayOffsetFile file,
      long flushIntervalMillis, long[] progress) {
    super("apogee-schedule");
    this.store = store;
    this.levels = levels;
    this.clock = clock;
    this.file = file;
    this.flushIntervalMillis = flushIntervalMillis;
    this.progress = progress;
    this.failing = new boolean[progress.length];
    this.saved = progress.clone();
  }

  /** A message was dispatched to schedule queue {@code queueId}. Cheap; any thread. */
  void arrived(int queueId) {
    if (queueId >= 64 || (idleLevels & (1L << queueId)) != 0) {
      work = true;
      wakeup();
    }
  }

  @Override
  protected void runLoop() {
    savedAt = clock.millis();
    while (isRunning()) {
      long next;
      try {
        work = false;
        next = deliverRound();
      } catch (RuntimeException e) {
        LOG.error("Delay-level delivery round failed; retrying in 10 s", e);
        next = clock.millis() + 10_000;
      }
      long now = clock.millis();
      if (now - savedAt >= flushIntervalMillis) {
        saveProgress();
      }
      long until = Math.min(next, savedAt + flushIntervalMillis);
      if (until > now) {
        idleUnless(() -> work, TimeUnit.MILLISECONDS.toNanos(until - now));
      }
    }
  }

  /** One pass over every level; returns when the loop should look again (epoch ms). */
  private long deliverRound() {
    long next = Long.MAX_VALUE;
    long idle = 0;
    for (int level = 1; level <= levels.maxLevel(); level++) {
      long levelNext = deliverLevel(level);
      if (levelNext == Long.MAX_VALUE && level <= 64) {
        idle |= 1L << (level - 1);
      }
      next = Math.min(next, levelNext);
    }
    idleLevels = idle;
    // A message that arrived between the level's last look and publishing idleLevels above did
    // not wake us: look once more before sleeping long.
    if (next == Long.MAX_VALUE || idle != 0) {
      for (int level = 1; level <= Math.min(64, levels.maxLevel()); level++) {
        if ((idle & (1L << (level - 1))) != 0
            && store.maxOffset(NameRules.SCHEDULE_TOPIC, level - 1) > progress[level - 1]) {
          return clock.millis();
        }
      }
    }
    return next;
  }

  /** Delivers the due messages of one level; returns when it is next due, MAX_VALUE if empty. */
  private long deliverLevel(int level) {
    int queueId = level - 1;
    long delay = levels.delayMillis(level);
    long min = store.minOffset(NameRules.SCHEDULE_TOPIC, queueId);
    long max = store.maxOffset(NameRules.SCHEDULE_TOPIC, queueId);
    long o = Math.max(min, Math.min(progress[queueId], max));
    int budget = ROUND_BUDGET;
    try {
      while (o < max) {
        if (budget-- == 0) {
          return clock.millis();
        }
        long now = clock.millis();
        long stored = store.storeTime(NameRules.SCHEDULE_TOPIC, queueId, o);
        if (stored >= 0) {
          long due = stored + delay;
          if (due > now + delay) {
            due = now; // the clock went back: deliver rather than hold for longer than the delay
          }
          if (due > now) {
            return due;
          }
        }
        if (!deliver(queueId, o)) {
          return now + RETRY_MILLIS;
        }
        o++;
      }
      return Long.MAX_VALUE;
    } finally {
      progress[queueId] = o;
    }
  }

  /** Re-puts the message at {@code offset}; false when it must be retried later. */
  private boolean deliver(int queueId, long offset) {
    MessageRecord parked;
    try (GetResult r = store.getMessages(NameRules.SCHEDULE_TOPIC, queueId, offset, 1, 1,
        TagFilter.ALL)) {
      if (r.status() != GetStatus.FOUND || r.messages().isEmpty()) {
        LOG.warn("Delay level {}: no message at offset {} of {} ({}); skipped", queueId + 1,
            offset, NameRules.SCHEDULE_TOPIC, r.status());
        return true;
      }
      parked = MessageRecordCodec.decode(r.messages().get(0).buffer().duplicate(), false);
    } catch (MalformedRecordException e) {
      LOG.warn("Delay level {}: unreadable record at offset {}: {}; skipped", queueId + 1,
          offset, e.getMessage());
      return true;
    }
    AppendMessage real;
    try {
      real = RealDestination.restore(parked);
    } catch (IllegalArgumentException e) {
      LOG.warn("Delay level {}: {}; skipped", queueId + 1, e.getMessage());
      return true;
    }
    if (NameRules.TRANS_HALF_TOPIC.equals(real.topic())) {
      return true;
    }
    AppendResult result;
    try {
      result = store.append(real).get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      result = null;
    }
    if (result == null || !result.status().isStored()) {
      if (!failing[queueId]) {
        LOG.warn("Delay level {}: re-put of offset {} to topic {} queue {} failed ({}); "
            + "retrying every {} ms", queueId + 1, offset, real.topic(), real.queueId(),
            result == null ? "timeout" : result.status() + " " + result.error(), RETRY_MILLIS);
      }
      failing[queueId] = true;
      return false;
    }
    failing[queueId] = false;
    return true;
  }

  /** Persists the progress if it changed. Loop thread, or any thread once the loop stopped. */
  void saveProgress() {
    savedAt = clock.millis();
    if (Arrays.equals(saved, progress)) {
      return;
    }
    long[] snapshot = progress.clone();
    try {
      file.save(snapshot);
      saved = snapshot;
    } catch (IOException e) {
      LOG.warn("Could not save delay-level progress to {}: {}", file.path(), e.toString());
    }
  }
}
