package io.apogeemq.broker.send;

import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;

/**
 * Refuses prepared (half) transaction messages with {@code NO_PERMISSION} — the official broker's
 * answer when it rejects transaction messages — for as long as this broker has no transaction
 * service to take them.
 */
public final class TransactionRefusal implements MessageRedirect {

  @Override
  public AppendMessage redirect(AppendMessage m) {
    if ((m.sysFlag() & SysFlag.TRANSACTION_MASK) == SysFlag.TRANSACTION_PREPARED_TYPE
        || "true".equals(MessageProperties.find(m.properties(),
            PropertyKeys.TRANSACTION_PREPARED))) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "transaction messages are not "
          + "supported by this broker yet (topic " + m.topic() + ", producer "
          + MessageProperties.find(m.properties(), PropertyKeys.PRODUCER_GROUP) + ")");
    }
    return m;
  }
}
