package io.apogeemq.client.consumer;

import java.util.List;

/**
 * Runs a push consumer's listener on what the pull loop found: concurrently
 * ({@link ConcurrentConsumeService}) or one batch at a time per queue in offset order
 * ({@link OrderlyConsumeService}). Implementations are thread-safe.
 */
interface ConsumeService {

  /**
   * Consumes {@code found}, already added to {@code pq}; removes what is done from {@code pq}
   * and advances the queue's offset.
   */
  void submit(ProcessQueue pq, List<ReceivedMessage> found);

  /**
   * Lets running listener calls finish (nothing new starts), waiting at most
   * {@code timeoutMillis}; true when everything finished in time.
   */
  boolean shutdown(long timeoutMillis) throws InterruptedException;
}
