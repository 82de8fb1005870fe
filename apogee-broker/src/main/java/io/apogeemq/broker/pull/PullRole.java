package io.apogeemq.broker.pull;

import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.store.GetResult;

/**
 * What the broker's replication role changes in answering pulls (storage.md §16, semantics.md
 * §7.1): which broker of the group the consumer should pull from next
 * ({@code suggestWhichBrokerId}), and whether this broker is a slave — a slave serves the read but
 * neither commits the offset piggy-backed on the pull nor corrects offsets
 * ({@code PULL_OFFSET_MOVED} becomes {@code PULL_RETRY_IMMEDIATELY} at the requested offset).
 *
 * <p>Implementations are thread-safe.
 */
public interface PullRole {

  /** A master that always suggests itself (broker id 0). */
  PullRole MASTER = new PullRole() {
    @Override
    public boolean slave() {
      return false;
    }

    @Override
    public long suggestBrokerId(GetResult result, SubscriptionGroupConfig group) {
      return 0;
    }
  };

  boolean slave();

  /** The broker id the consumer should pull this queue from next. */
  long suggestBrokerId(GetResult result, SubscriptionGroupConfig group);
}
