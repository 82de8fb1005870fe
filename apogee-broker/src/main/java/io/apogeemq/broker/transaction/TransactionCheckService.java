package io.apogeemq.broker.transaction;

import io.apogeemq.common.lifecycle.ServiceLoop;
import io.apogeemq.common.message.MessageHost;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check service's thread ({@code tx-check-1}): every {@code transactionCheckInterval} runs one
 * {@link HalfQueueScan} round and then saves the progress. Owned by {@link TransactionService},
 * which starts and stops it.
 *
 * <p>Thread-safety: {@link #start()} and {@link #stop()} from any thread; the scan is touched by
 * the loop's thread only until {@link #stop()} returned.
 */
final class TransactionCheckService extends ServiceLoop {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);

  private final HalfQueueScan scan;
  private final long intervalMillis;
  private final Runnable persist;
  private volatile MessageHost storeHost;

  TransactionCheckService(HalfQueueScan scan, long intervalMillis, Runnable persist) {
    super("tx-check");
    this.scan = scan;
    this.intervalMillis = intervalMillis;
    this.persist = persist;
  }

  /** Starts checking, writing re-appended records with {@code host} as store host. */
  void start(MessageHost host) {
    this.storeHost = host;
    start();
  }

  @Override
  protected void runLoop() {
    while (isRunning()) {
      idle(TimeUnit.MILLISECONDS.toNanos(intervalMillis));
      if (!isRunning()) {
        break;
      }
      try {
        scan.round(storeHost, this::isRunning);
        persist.run();
      } catch (RuntimeException e) {
        LOG.warn("Transaction check round failed; retried in {} ms", intervalMillis, e);
      }
    }
  }
}
