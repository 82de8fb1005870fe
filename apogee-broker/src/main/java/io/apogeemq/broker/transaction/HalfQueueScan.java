package io.apogeemq.broker.transaction;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.file.SegmentSlice;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of the transaction check (semantics.md §4.4, in Apogee's equivalent form): walks the
 * half queue from the scan offset and, for every entry whose transaction is not ended yet,
 *
 * <ol>
 *   <li>if it was checked {@code transactionCheckMax} times, or is older than the store's
 *       {@code fileReservedTime}: discards it — a copy goes to the discard topic
 *       ({@code TRANS_CHECK_MAX_TIME_TOPIC} by default), an op record ends the transaction, and one
 *       warning is logged;
 *   <li>if it is younger than {@code transactionTimeOut} (or its own
 *       {@code CHECK_IMMUNITY_TIME_IN_SECONDS}, when set and longer): stops there (later entries are
 *       younger) — or, for a message with its own immunity, re-appends it so it does not hold the
 *       queue up;
 *   <li>otherwise re-appends it with {@code TRANSACTION_CHECK_TIMES} + 1 and sends
 *       {@code CHECK_TRANSACTION_STATE} for that copy to a live producer of its group.
 * </ol>
 *
 * Entries whose transaction ended (see {@link DoneOffsets}) are passed over. The round stops at
 * entries stored after it began (its own copies), at the end of the queue, or after
 * {@code maxRoundMillis}; the next round continues from where it stopped.
 *
 * <p>Unlike RocketMQ, whose scan infers "ended" from op records pulled alongside (and may commit a
 * transaction twice when a late end and a check answer cross), ends are recorded in
 * {@link DoneOffsets} as they happen and every entry carries its transaction's origin, so a copy
 * of an ended transaction is never checked again and a second end is ignored.
 *
 * <p>Not thread-safe: used by the check service's thread only (and tests).
 */
final class HalfQueueScan {

  private static final Logger LOG = LoggerFactory.getLogger(HalfQueueScan.class);
  private static final int READ_BATCH = 32;
  private static final int READ_BYTES = 4 << 20;

  /** Knobs of a round. */
  record Settings(long transactionTimeOut, int transactionCheckMax, long fileReservedMillis,
      long maxRoundMillis) {}

  private final MessageStore store;
  private final DoneOffsets done;
  private final TransactionResolver resolver;
  private final CheckBackSender checkBack;
  private final Clock clock;
  private final Settings settings;
  private long scanOffset;
  private long checksSent;
  private long discarded;

  HalfQueueScan(MessageStore store, DoneOffsets done, TransactionResolver resolver,
      CheckBackSender checkBack, Clock clock, Settings settings, long scanOffset) {
    this.store = store;
    this.done = done;
    this.resolver = resolver;
    this.checkBack = checkBack;
    this.clock = clock;
    this.settings = settings;
    this.scanOffset = scanOffset;
  }

  /** The next half-queue offset a round looks at. */
  long scanOffset() {
    return scanOffset;
  }

  long checksSent() {
    return checksSent;
  }

  long discarded() {
    return discarded;
  }

  private enum Step { NEXT, STOP }

  /**
   * Runs one round; {@code storeHost} is the broker's current address for written records. Stops
   * early once {@code keepGoing} turns false (shutdown).
   */
  void round(MessageHost storeHost, BooleanSupplier keepGoing) {
    long start = clock.millis();
    long min = store.minOffset(NameRules.TRANS_HALF_TOPIC, 0);
    done.markDoneBelow(min); // entries retention removed: nobody can end those any more
    long i = Math.max(scanOffset, min);
    long end = store.maxOffset(NameRules.TRANS_HALF_TOPIC, 0);
    scan:
    while (i < end && clock.millis() - start < settings.maxRoundMillis()
        && keepGoing.getAsBoolean()) {
      try (GetResult r = store.getMessages(NameRules.TRANS_HALF_TOPIC, 0, i, READ_BATCH,
          READ_BYTES, TagFilter.ALL)) {
        if (r.status() != GetStatus.FOUND) {
          if (r.nextBeginOffset() > i) {
            i = r.nextBeginOffset(); // entries whose bytes are gone: nothing left to check
            continue;
          }
          break;
        }
        for (SegmentSlice slice : r.messages()) {
          MessageRecord entry = MessageRecordCodec.decode(slice.buffer().duplicate(), false);
          if (examine(entry, start, storeHost) == Step.STOP) {
            break scan;
          }
          i = entry.queueOffset() + 1;
        }
      }
    }
    scanOffset = i;
  }

  private Step examine(MessageRecord entry, long roundStart, MessageHost storeHost) {
    long origin = HalfMessages.originOf(entry);
    if (origin != entry.queueOffset()) {
      done.markDone(entry.queueOffset()); // a copy's own offset never names a transaction
    }
    if (done.isDone(origin)) {
      return Step.NEXT;
    }
    if (entry.storeTimestamp() >= roundStart) {
      return Step.STOP;
    }
    long now = clock.millis();
    long age = now - entry.bornTimestamp();
    int checks = HalfMessages.checkTimes(entry);
    if (checks >= settings.transactionCheckMax() || age > settings.fileReservedMillis()) {
      return discard(entry, origin, checks, storeHost);
    }
    long custom = HalfMessages.customImmunityMillis(entry);
    long immunity = Math.max(settings.transactionTimeOut(), custom);
    if (age >= 0 && age < immunity) {
      if (custom < 0) {
        return Step.STOP;
      }
      return append(HalfMessages.requeued(entry, origin, checks, storeHost)) == null
          ? Step.STOP : Step.NEXT;
    }
    AppendMessage copy = HalfMessages.requeued(entry, origin, checks + 1, storeHost);
    AppendResult stored = append(copy);
    if (stored == null) {
      return Step.STOP;
    }
    if (checkBack.send(asStored(copy, stored, entry.bodyCrc()))) {
      checksSent++;
    }
    return Step.NEXT;
  }

  private Step discard(MessageRecord entry, long origin, int checks, MessageHost storeHost) {
    TransactionResolver.Result r = resolver.end(entry, TransactionResolver.Action.DISCARD,
        storeHost).join();
    switch (r.outcome()) {
      case ENDED -> {
        discarded++;
        LOG.warn("Transaction of half message {} (producer group {}, topic {}) given up after {} "
            + "checks; moved to topic {}", entry.property(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
            HalfMessages.producerGroup(entry), entry.property(PropertyKeys.REAL_TOPIC), checks,
            resolver.discardTopic());
        return Step.NEXT;
      }
      case ALREADY_ENDED -> {
        return Step.NEXT;
      }
      default -> {
        LOG.warn("Discarding half message at offset {} failed, retried next round: {}",
            entry.queueOffset(), r.reason());
        return Step.STOP;
      }
    }
  }

  /** Appends, or logs and returns null when the store refuses (the round stops there). */
  private AppendResult append(AppendMessage m) {
    AppendResult r = store.append(m).join();
    if (!r.status().isStored()) {
      LOG.warn("Re-appending a half message for its transaction check failed: {} {}",
          r.status(), r.error());
      return null;
    }
    return r;
  }

  private static MessageRecord asStored(AppendMessage m, AppendResult r, int bodyCrc) {
    int sysFlag = SysFlag.withHostBits(m.sysFlag(), m.bornHost(), m.storeHost());
    return new MessageRecord(m.topic(), m.queueId(), m.flag(), r.queueOffset(),
        r.physicalOffset(), sysFlag, m.bornTimestamp(), m.bornHost(), r.storeTimestamp(),
        m.storeHost(), m.reconsumeTimes(), m.preparedTransactionOffset(),
        bodyCrc, m.body(), m.properties());
  }
}
