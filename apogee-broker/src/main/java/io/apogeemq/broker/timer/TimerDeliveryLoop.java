package io.apogeemq.broker.timer;

import io.apogeemq.broker.schedule.RealDestination;
import io.apogeemq.common.lifecycle.ServiceLoop;
import io.apogeemq.common.message.MalformedRecordException;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.timer.TimerEntry;
import io.apogeemq.store.timer.TimerStore;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of timer messages. Each round it
 *
 * <ol>
 *   <li><b>enqueues</b>: reads the timer topic's queue from the timer store's enqueue offset and
 *       adds each message (CommitLog offset, size, {@code TIMER_OUT_MS}) to the {@link TimerStore};
 *   <li><b>delivers</b>: re-puts every due entry to its real topic and queue
 *       ({@link RealDestination}, {@code REAL_TOPIC}/{@code REAL_QID} removed,
 *       {@code TIMER_DEQUEUE_MS} added), waiting for the store to accept it before the timer's
 *       cursor moves past it;
 *   <li><b>checkpoints</b> the timer store every {@code timerFlushIntervalMs};
 * </ol>
 *
 * <p><b>Cancellation</b>: a parked message carrying {@code TIMER_DEL_UNIQKEY} is added to the
 * timer as a cancellation marker ({@link TimerStore#addCancelMarker}); it comes out first in its
 * time slot, its key ({@code <realTopic>+<uniqKey>}) is remembered until that slot has passed,
 * and an entry of the slot whose {@code REAL_TOPIC}+{@code UNIQ_KEY} matches is dropped instead
 * of re-put (the official broker's rule: a cancellation reaches only the message due in the
 * same slot). The marker itself is never delivered.
 *
 * <p>then sleeps until the next entry is due (to the millisecond), the next non-empty time slot
 * must be loaded, the next checkpoint (only when something changed), or a message arrives in the
 * timer topic: an idle timer does not poll. A re-put the store refuses
 * is retried after 100 ms.
 *
 * <p>Thread-safety: the timer store is used only by the loop thread (and closed by the owner once
 * {@link #stop()} returned); {@link #arrived()} may be called from any thread.
 */
final class TimerDeliveryLoop extends ServiceLoop {

  private static final Logger LOG = LoggerFactory.getLogger(TimerDeliveryLoop.class);
  private static final int ROUND_BUDGET = 8192;
  private static final long RETRY_MILLIS = 100;
  private static final List<String> REAL_KEYS = List.of(PropertyKeys.REAL_TOPIC,
      PropertyKeys.REAL_QUEUE_ID);

  private final MessageStore store;
  private final TimerStore timer;
  private final Clock clock;
  private final long checkpointMillis;
  private final long precisionMs;
  /** Cancelled keys ({@code <realTopic>+<uniqKey>}) of the slots being delivered → time slot. */
  private final Map<String, Long> cancelled = new HashMap<>();
  private long cancelledSlot = Long.MIN_VALUE;
  private long cancelledCount;
  private volatile boolean work = true;
  private long checkpointAt;
  /** Something changed since the last checkpoint (an idle timer does not wake to save). */
  private boolean dirty;
  private int delivered;
  private long retryAt;
  private boolean failing;

  TimerDeliveryLoop(MessageStore store, TimerStore timer, Clock clock, long checkpointMillis,
      long precisionMs) {
    super("apogee-timer");
    this.precisionMs = precisionMs;
    this.store = store;
    this.timer = timer;
    this.clock = clock;
    this.checkpointMillis = checkpointMillis;
  }

  /** A message was dispatched to the timer topic. Cheap; any thread. */
  void arrived() {
    work = true;
    wakeup();
  }

  @Override
  protected void runLoop() {
    checkpointAt = clock.millis() + checkpointMillis;
    while (isRunning()) {
      boolean more;
      try {
        work = false;
        long before = timer.enqueueOffset();
        int deliveredBefore = delivered;
        more = enqueue() | deliver();
        dirty |= timer.enqueueOffset() != before || delivered != deliveredBefore;
        long now = clock.millis();
        if (dirty && now >= checkpointAt) {
          timer.checkpoint(false);
          dirty = false;
          checkpointAt = now + checkpointMillis;
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("Timer round failed; retrying in 1 s", e);
        retryAt = clock.millis() + 1000;
        more = false;
      }
      if (more) {
        continue;
      }
      long now = clock.millis();
      long until = Math.min(Math.min(timer.nextWakeMs(now),
          dirty ? checkpointAt : Long.MAX_VALUE), retryAt > now ? retryAt : Long.MAX_VALUE);
      if (until > now) {
        idleUnless(() -> work, TimeUnit.MILLISECONDS.toNanos(until - now));
      }
    }
  }

  /** Adds newly parked messages to the timer; true when the budget ran out. */
  private boolean enqueue() {
    int budget = ROUND_BUDGET;
    while (budget > 0) {
      long offset = timer.enqueueOffset();
      if (offset >= store.maxOffset(TimerTopic.NAME, 0)) {
        return false;
      }
      try (GetResult r = store.getMessages(TimerTopic.NAME, 0, offset, 64, 4 * 1024 * 1024,
          TagFilter.ALL)) {
        if (r.status() != GetStatus.FOUND) {
          if (r.nextBeginOffset() > offset) {
            LOG.warn("Timer queue offsets {}..{} are gone ({}); skipped", offset,
                r.nextBeginOffset() - 1, r.status());
            timer.skipTo(r.nextBeginOffset());
            continue;
          }
          return false;
        }
        for (SegmentSlice slice : r.messages()) {
          if (!add(slice)) {
            return false;
          }
          budget--;
        }
      }
    }
    return true;
  }

  private boolean add(SegmentSlice slice) {
    MessageRecord rec;
    try {
      rec = MessageRecordCodec.decode(slice.buffer().duplicate(), false);
    } catch (MalformedRecordException e) {
      LOG.warn("Timer queue: unreadable record at CommitLog offset {}: {}; skipped",
          slice.offset(), e.getMessage());
      timer.skipTo(timer.enqueueOffset() + 1);
      return true;
    }
    String out = rec.property(PropertyKeys.TIMER_OUT_MS);
    long due;
    try {
      due = Long.parseLong(out);
    } catch (NumberFormatException e) {
      LOG.warn("Timer queue offset {}: TIMER_OUT_MS={} is not a time; skipped",
          rec.queueOffset(), out);
      timer.skipTo(rec.queueOffset() + 1);
      return true;
    }
    int size = slice.buffer().remaining();
    boolean added = rec.property(PropertyKeys.TIMER_DEL_UNIQKEY) != null
        ? timer.addCancelMarker(due, rec.physicalOffset(), size, rec.queueOffset())
        : timer.add(due, rec.physicalOffset(), size, rec.queueOffset());
    if (!added) {
      LOG.warn("Timer wheel slot of {} is still busy; enqueueing resumes once delivery catches up",
          due);
      return false;
    }
    return true;
  }

  /** Delivers due entries; true when the budget ran out. */
  private boolean deliver() {
    long now = clock.millis();
    if (now < retryAt) {
      return false;
    }
    for (int budget = ROUND_BUDGET; budget > 0; budget--) {
      TimerEntry e = timer.peekDue(now);
      if (e == null) {
        return false;
      }
      if (!deliver(e, now)) {
        retryAt = now + RETRY_MILLIS;
        return false;
      }
      timer.delivered(e);
      delivered++;
    }
    return true;
  }

  /** Messages dropped because a cancellation marker named them. */
  long cancelledCount() {
    return cancelledCount;
  }

  /**
   * Re-puts one entry, or records a cancellation marker, or drops a cancelled entry; false when
   * the store refused the re-put (retry later).
   */
  private boolean deliver(TimerEntry e, long now) {
    long slot = Math.floorDiv(e.dueMs(), precisionMs);
    if (slot > cancelledSlot) {
      cancelledSlot = slot;
      if (!cancelled.isEmpty()) {
        cancelled.values().removeIf(s -> s < slot);
      }
    }
    MessageRecord parked;
    try (SegmentSlice slice = store.getByPhysicalOffset(e.commitLogOffset())) {
      if (slice == null) {
        LOG.warn("Timer: message at CommitLog offset {} is gone (due {}); skipped",
            e.commitLogOffset(), e.dueMs());
        return true;
      }
      parked = MessageRecordCodec.decode(slice.buffer().duplicate(), false);
    } catch (MalformedRecordException ex) {
      LOG.warn("Timer: unreadable record at CommitLog offset {}: {}; skipped",
          e.commitLogOffset(), ex.getMessage());
      return true;
    }
    if (e.cancelMarker()) {
      String key = parked.property(PropertyKeys.TIMER_DEL_UNIQKEY);
      if (key != null) {
        cancelled.put(key, slot);
      }
      return true;
    }
    if (!cancelled.isEmpty()) {
      String key = parked.property(PropertyKeys.REAL_TOPIC) + "+"
          + parked.property(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
      if (cancelled.remove(key) != null) {
        cancelledCount++;
        LOG.debug("Timer: {} due {} was cancelled; not delivered", key, e.dueMs());
        return true;
      }
    }
    AppendMessage real;
    try {
      real = RealDestination.restore(parked, REAL_KEYS,
          Map.of(PropertyKeys.TIMER_DEQUEUE_MS, Long.toString(now)));
    } catch (IllegalArgumentException ex) {
      LOG.warn("Timer: {}; skipped", ex.getMessage());
      return true;
    }
    AppendResult result;
    try {
      result = store.append(real).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException ex) {
      result = null;
    }
    if (result == null || !result.status().isStored()) {
      if (!failing) {
        LOG.warn("Timer: re-put of CommitLog offset {} to topic {} queue {} failed ({}); "
            + "retrying every {} ms", e.commitLogOffset(), real.topic(), real.queueId(),
            result == null ? "timeout" : result.status() + " " + result.error(), RETRY_MILLIS);
      }
      failing = true;
      return false;
    }
    failing = false;
    return true;
  }
}
