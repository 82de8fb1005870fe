package io.apogeemq.broker.send;

import io.apogeemq.store.AppendMessage;

/**
 * One step of the send path between "accepted" and "appended": decides where an accepted message
 * is really stored. Delay levels park a message in the schedule topic, timers in the timer topic,
 * prepared transactions in the half topic; a plain message passes through untouched.
 *
 * <p>The send service applies its redirects in order to every message of a request (each message
 * of a batch separately) and appends what the last one returns. A redirect refuses a message by
 * throwing {@link io.apogeemq.remoting.exception.CommandException} with the response code the
 * producer should see; nothing of that request is stored then.
 *
 * <p>Implementations are pure decisions on the message (no I/O) and thread-safe: they run on the
 * send executor's threads.
 *
 * <p>The send service scans each message's properties once for every redirect
 * ({@link SchedulingKeys}) and calls {@link #redirect(AppendMessage, SchedulingKeys)}; redirects
 * that decide on those properties override it instead of searching the properties themselves.
 */
@FunctionalInterface
public interface MessageRedirect {

  /**
   * @param message the message as the producer sent it, completed by the broker (cluster,
   *     unique key)
   * @return the message to store: {@code message} itself when this redirect does not apply
   */
  AppendMessage redirect(AppendMessage message);

  /**
   * {@link #redirect(AppendMessage)} with the message's scheduling properties already found.
   *
   * @param keys {@code SchedulingKeys.of(message.properties())}
   */
  default AppendMessage redirect(AppendMessage message, SchedulingKeys keys) {
    return redirect(message);
  }
}
