package io.apogeemq.broker.transaction;

import io.apogeemq.broker.send.MessageRedirect;
import io.apogeemq.broker.send.SchedulingKeys;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;

/**
 * Parks prepared transaction messages in {@code RMQ_SYS_TRANS_HALF_TOPIC} queue 0 (semantics.md
 * §4.2, see {@link HalfMessages#toHalf}), where no consumer of the real topic sees them until
 * {@code END_TRANSACTION} commits them. With {@code rejectTransactionMessage=true} they are refused
 * with {@code NO_PERMISSION}, like the official broker does.
 *
 * <p>The send response is built from the message as the producer sent it and the half message's
 * append result: {@code msgId} is the half message's offset id (the producer decodes the
 * commitLogOffset of its {@code END_TRANSACTION} from it), {@code queueOffset} its half-queue
 * offset and {@code transactionId} its {@code UNIQ_KEY}.
 *
 * <p>Stateless and thread-safe.
 */
public final class HalfMessageRedirect implements MessageRedirect {

  private final boolean reject;

  /** @param rejectTransactionMessage refuse prepared messages instead of storing them */
  public HalfMessageRedirect(boolean rejectTransactionMessage) {
    this.reject = rejectTransactionMessage;
  }

  @Override
  public AppendMessage redirect(AppendMessage m) {
    return redirect(m, SchedulingKeys.of(m.properties()));
  }

  @Override
  public AppendMessage redirect(AppendMessage m, SchedulingKeys keys) {
    if (!HalfMessages.isPrepared(m, keys)) {
      return m;
    }
    if (reject) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "this broker rejects transaction "
          + "messages (rejectTransactionMessage=true): topic " + m.topic() + ", producer group "
          + MessageProperties.find(m.properties(), PropertyKeys.PRODUCER_GROUP));
    }
    return HalfMessages.toHalf(m);
  }
}
