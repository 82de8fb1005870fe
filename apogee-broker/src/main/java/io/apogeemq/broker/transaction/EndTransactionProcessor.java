package io.apogeemq.broker.transaction;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.file.SegmentSlice;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code END_TRANSACTION} (37, semantics.md §4.3): finds the half message by its CommitLog offset,
 * checks that it is one (half topic, queue offset and producer group as the header says) and ends
 * its transaction through {@link TransactionResolver}.
 *
 * <p>Answers (only sent when the request is not oneway; official producers send it oneway, so
 * refusals are also logged): {@code SUCCESS} when ended or already ended before (a duplicate or a
 * late check answer changes nothing); nothing at all for {@code commitOrRollback=0} (a later check
 * asks again); {@code SYSTEM_ERROR} naming the problem for a bad header, an offset that holds no
 * half message, or a mismatching queue offset or group; {@code ILLEGAL_OPERATION} for a
 * producer-initiated end that arrives after the message's own {@code CHECK_IMMUNITY_TIME_IN_SECONDS}
 * (the check has taken over).
 *
 * <p>Thread-safe; runs on the {@code end-transaction} executor.
 */
final class EndTransactionProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(EndTransactionProcessor.class);

  private final MessageStore store;
  private final TransactionResolver resolver;
  private final Clock clock;
  private final Supplier<MessageHost> storeHost;

  EndTransactionProcessor(MessageStore store, TransactionResolver resolver, Clock clock,
      Supplier<MessageHost> storeHost) {
    this.store = store;
    this.resolver = resolver;
    this.clock = clock;
    this.storeHost = storeHost;
  }

  RemotingCommand process(RequestContext context, RemotingCommand request) {
    try {
      return endTransaction(context, request);
    } catch (CommandException e) {
      if (!request.isOneway()) {
        throw e;
      }
      LOG.warn("END_TRANSACTION from {} ignored: {}", context.peer(), e.getMessage());
      return null;
    }
  }

  private RemotingCommand endTransaction(RequestContext context, RemotingCommand request) {
    EndTransactionHeader h = EndTransactionHeader.parse(request);
    if (!h.commit() && !h.rollback()) {
      LOG.debug("END_TRANSACTION from {} with unknown state for msgId {}: a later check asks again",
          context.peer(), h.msgId());
      return null;
    }
    MessageHost host = storeHost.get();
    if (host == null) {
      throw new CommandException(ResponseCode.SYSTEM_BUSY, "broker is starting, try again");
    }
    MessageRecord half = halfMessage(h);
    if (!h.fromTransactionCheck()) {
      long immunity = HalfMessages.customImmunityMillis(half);
      if (immunity > 0 && clock.millis() - half.bornTimestamp() > immunity) {
        throw new CommandException(ResponseCode.ILLEGAL_OPERATION, "END_TRANSACTION for msgId "
            + h.msgId() + " arrived after its CHECK_IMMUNITY_TIME_IN_SECONDS (" + immunity / 1000
            + " s); the transaction check decides it now");
      }
    }
    TransactionResolver.Action action = h.commit()
        ? TransactionResolver.Action.COMMIT : TransactionResolver.Action.ROLLBACK;
    resolver.end(half, action, host).thenAccept(result -> {
      RemotingCommand response = switch (result.outcome()) {
        case ENDED -> RemotingCommand.response(ResponseCode.SUCCESS, null);
        case ALREADY_ENDED -> {
          LOG.debug("END_TRANSACTION ({}) from {} for msgId {} half offset {}: already ended",
              action, context.peer(), h.msgId(), h.tranStateTableOffset());
          yield RemotingCommand.response(ResponseCode.SUCCESS, "transaction already ended");
        }
        case FAILED -> {
          LOG.warn("END_TRANSACTION ({}) from {} for msgId {} failed: {}", action, context.peer(),
              h.msgId(), result.reason());
          yield RemotingCommand.response(ResponseCode.SYSTEM_ERROR, result.reason());
        }
      };
      if (!request.isOneway()) {
        context.writeResponse(response);
      }
    });
    return null;
  }

  /** The half message the header names, checked against the header. */
  private MessageRecord halfMessage(EndTransactionHeader h) {
    String what = " (producer group " + h.producerGroup() + ", msgId " + h.msgId() + ")";
    MessageRecord half;
    try (SegmentSlice slice = h.commitLogOffset() < 0 ? null
        : store.getByPhysicalOffset(h.commitLogOffset())) {
      if (slice == null) {
        throw new CommandException(ResponseCode.SYSTEM_ERROR, "no message at commitLogOffset "
            + h.commitLogOffset() + what);
      }
      half = MessageRecordCodec.decode(slice.buffer().duplicate(), false);
    } catch (CommandException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "no readable message at "
          + "commitLogOffset " + h.commitLogOffset() + what + ": " + e.getMessage());
    }
    if (!NameRules.TRANS_HALF_TOPIC.equals(half.topic())) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "the message at commitLogOffset "
          + h.commitLogOffset() + " is not a half message (topic " + half.topic() + ")" + what);
    }
    if (half.queueOffset() != h.tranStateTableOffset()) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "the half message at commitLogOffset "
          + h.commitLogOffset() + " has queue offset " + half.queueOffset()
          + ", not tranStateTableOffset " + h.tranStateTableOffset() + what);
    }
    String group = HalfMessages.producerGroup(half);
    if (!h.producerGroup().equals(group)) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "the half message at commitLogOffset "
          + h.commitLogOffset() + " belongs to producer group " + group + what);
    }
    return half;
  }
}
