package io.apogeemq.broker.send;

import io.apogeemq.store.AppendMessage;
import java.util.List;

/**
 * The send path's {@link MessageRedirect}s in order, run on one message with a single scan of its
 * properties ({@link SchedulingKeys}): each redirect gets the keys of the message it is handed; they
 * are scanned again only after a redirect returned a message with other properties (a dead-letter
 * message without {@code DELAY}, a parked message), so a later redirect never decides on a stale
 * scan.
 *
 * <p>Immutable and thread-safe (as its redirects are).
 */
final class RedirectChain {

  private final List<MessageRedirect> redirects;

  RedirectChain(List<MessageRedirect> redirects) {
    this.redirects = List.copyOf(redirects);
  }

  /** The message to append for {@code m}; {@code m} itself when no redirect applies. */
  AppendMessage apply(AppendMessage m) {
    AppendMessage out = m;
    SchedulingKeys keys = SchedulingKeys.of(m.properties());
    for (MessageRedirect r : redirects) {
      AppendMessage next = r.redirect(out, keys);
      if (next.properties() != out.properties()) {
        keys = SchedulingKeys.of(next.properties());
      }
      out = next;
    }
    return out;
  }
}
