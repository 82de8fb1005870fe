package io.apogeemq.broker.client;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops producer and consumer connections that have not sent a heartbeat for
 * {@code channelExpiredTimeoutMillis} (120 s by default), closes them, and tells the remaining
 * members of each affected consumer group to rebalance. {@link #scanOnce()} runs one scan on the
 * caller's thread with the injected clock; {@link ClientService} runs it every 10 s.
 *
 * <p>Thread-safe.
 */
public final class ClientLivenessScanner {

  private static final Logger LOG = LoggerFactory.getLogger(ClientLivenessScanner.class);

  private final ConsumerRegistry consumers;
  private final ProducerRegistry producers;
  private final ConsumerIdsChangeNotifier notifier;
  private final Clock clock;
  private final long expiryMillis;

  public ClientLivenessScanner(ConsumerRegistry consumers, ProducerRegistry producers,
      ConsumerIdsChangeNotifier notifier, Clock clock, long expiryMillis) {
    if (expiryMillis <= 0) {
      throw new IllegalArgumentException("channelExpiredTimeout must be positive: " + expiryMillis);
    }
    this.consumers = consumers;
    this.producers = producers;
    this.notifier = notifier;
    this.clock = clock;
    this.expiryMillis = expiryMillis;
  }

  /** Runs one scan; returns how many memberships were dropped. */
  public int scanOnce() {
    long deadline = clock.millis() - expiryMillis;
    int dropped = 0;
    for (ClientChannel p : producers.removeSilentSince(deadline)) {
      LOG.warn("producer {} at {} sent no heartbeat for {} ms; connection dropped", p.clientId(),
          p.channel().remoteAddress(), expiryMillis);
      p.channel().close();
      dropped++;
    }
    Map<String, List<ClientChannel>> gone = consumers.removeSilentSince(deadline);
    for (Map.Entry<String, List<ClientChannel>> e : gone.entrySet()) {
      for (ClientChannel c : e.getValue()) {
        LOG.warn("consumer {} of group {} at {} sent no heartbeat for {} ms; connection dropped",
            c.clientId(), e.getKey(), c.channel().remoteAddress(), expiryMillis);
        c.channel().close();
        dropped++;
      }
      consumers.find(e.getKey()).ifPresent(g -> notifier.notifyMembers(e.getKey(), g.members()));
    }
    return dropped;
  }
}
