package io.apogeemq.broker.transaction;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.MessageStore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends transactions: commit (the message goes to its real topic), rollback, or discard (the half
 * message is copied to the discard topic). Each writes an op record for the transaction's origin
 * afterwards. A transaction is ended at most once: the second of two concurrent or repeated ends
 * gets {@link Outcome#ALREADY_ENDED} and changes nothing.
 *
 * <p>Order of writes: the delivered (or discarded) message first, then the op record. A crash
 * between the two leaves the transaction pending after restart, so a later check may commit it a
 * second time (at-least-once in that window, as with RocketMQ); a clean shutdown never does, since
 * "done" is also persisted with the checkpoint.
 *
 * <p>Thread-safe: the store and {@link DoneOffsets} are; nothing else is shared.
 */
final class TransactionResolver {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionResolver.class);

  /** What became of a request to end a transaction. */
  enum Outcome {
    /** This call ended the transaction. */
    ENDED,
    /** Someone ended it before (or is ending it right now); nothing was written. */
    ALREADY_ENDED,
    /** The store refused the write; the transaction is still pending. */
    FAILED
  }

  /** What to do with a half message. */
  enum Action { COMMIT, ROLLBACK, DISCARD }

  /** @param reason why the store refused, null unless {@link Outcome#FAILED} */
  record Result(Outcome outcome, String reason) {}

  private final MessageStore store;
  private final DoneOffsets done;
  private final Clock clock;
  private final String discardTopic;

  TransactionResolver(MessageStore store, DoneOffsets done, Clock clock, String discardTopic) {
    this.store = store;
    this.done = done;
    this.clock = clock;
    this.discardTopic = discardTopic;
  }

  String discardTopic() {
    return discardTopic;
  }

  /** Ends the transaction {@code half} belongs to; never completes exceptionally. */
  CompletableFuture<Result> end(MessageRecord half, Action action, MessageHost storeHost) {
    long origin = HalfMessages.originOf(half);
    if (!done.tryClaim(origin)) {
      return CompletableFuture.completedFuture(new Result(Outcome.ALREADY_ENDED, null));
    }
    AppendMessage first;
    try {
      first = switch (action) {
        case COMMIT -> HalfMessages.committed(half, origin, storeHost);
        case DISCARD -> HalfMessages.discarded(half, discardTopic, origin, storeHost);
        case ROLLBACK -> null;
      };
    } catch (RuntimeException e) {
      done.abandon(origin);
      return CompletableFuture.completedFuture(new Result(Outcome.FAILED, e.getMessage()));
    }
    CompletableFuture<AppendResult> stored = first == null
        ? CompletableFuture.completedFuture(null) : store.append(first);
    return stored.thenCompose(r -> {
      if (r != null && !r.status().isStored()) {
        done.abandon(origin);
        return CompletableFuture.completedFuture(new Result(Outcome.FAILED, action + " of half "
            + "offset " + origin + " to topic " + first.topic() + " not stored: " + r.status()
            + " " + r.error()));
      }
      done.complete(origin);
      return store.append(HalfMessages.opRecord(origin, clock.millis(), storeHost))
          .thenApply(op -> {
            if (!op.status().isStored()) {
              LOG.warn("Op record for transaction at half offset {} ({}) not stored: {} {}; it "
                  + "counts as ended until the next restart", origin, action, op.status(),
                  op.error());
            }
            return new Result(Outcome.ENDED, null);
          });
    }).exceptionally(e -> {
      done.abandon(origin);
      return new Result(Outcome.FAILED, action + " of half offset " + origin + " failed: " + e);
    });
  }
}
