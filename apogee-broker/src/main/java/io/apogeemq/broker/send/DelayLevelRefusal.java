package io.apogeemq.broker.send;

import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;

/**
 * Refuses delay-level messages ({@code DELAY} other than 0) with {@code MESSAGE_ILLEGAL} for as long
 * as this broker has no schedule service to hold them: storing them for immediate delivery would
 * silently break the producer's intent.
 */
public final class DelayLevelRefusal implements MessageRedirect {

  @Override
  public AppendMessage redirect(AppendMessage m) {
    String delay = MessageProperties.find(m.properties(), PropertyKeys.DELAY_TIME_LEVEL);
    if (delay != null && !delay.equals("0")) {
      throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "delay-level messages are not "
          + "supported by this broker yet (topic " + m.topic() + ", DELAY=" + delay + ")");
    }
    return m;
  }
}
