package io.apogeemq.broker.send;

import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;

/**
 * Refuses timer messages (a delivery time or a delay in ms/s) with {@code MESSAGE_ILLEGAL} for as
 * long as this broker has no timer service to hold them.
 */
public final class TimerRefusal implements MessageRedirect {

  private static final String[] TIMER_KEYS = {
      PropertyKeys.TIMER_DELAY_SEC, PropertyKeys.TIMER_DELAY_MS, PropertyKeys.TIMER_DELIVER_MS};

  @Override
  public AppendMessage redirect(AppendMessage m) {
    for (String key : TIMER_KEYS) {
      if (MessageProperties.find(m.properties(), key) != null) {
        throw new CommandException(ResponseCode.MESSAGE_ILLEGAL, "timer messages are not "
            + "supported by this broker yet (topic " + m.topic() + ", " + key + ")");
      }
    }
    return m;
  }
}
