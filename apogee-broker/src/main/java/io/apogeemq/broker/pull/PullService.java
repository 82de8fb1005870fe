package io.apogeemq.broker.pull;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.MessageStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull feature: the {@link PullMessageProcessor} on codes 11 and 361, and long polling through
 * a {@link PullRequestParker} woken by the store's arrival notifications and by a periodic check
 * (every 5 s with long polling, every {@code shortPollingTimeMills} without).
 *
 * <p>Lifecycle: {@link #install} registers the codes and the arrival listener; {@link #start}
 * starts the hold thread ({@code apogee-broker-pull-hold-N}); {@link #shutdown()} stops it and
 * answers every still-parked pull with the queue's current state.
 *
 * <p>Thread-safe.
 */
public final class PullService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(PullService.class);
  static final long LONG_POLLING_CHECK_MILLIS = 5_000;

  private final PullMessageProcessor processor;
  private final PullRequestParker parker;
  private final long checkIntervalMillis;
  private volatile Executor pullExecutor;
  private ScheduledExecutorService holdThread;

  private final int threads;
  private final int queueCapacity;

  /**
   * @param threads pull executor threads ({@code pullMessageThreadPoolNums})
   * @param queueCapacity queued pulls before SYSTEM_BUSY ({@code pullThreadPoolQueueCapacity})
   */
  public PullService(PullMessageProcessor processor, MessageStore store, Clock clock,
      boolean longPolling, long shortPollingMillis, int threads, int queueCapacity) {
    this.processor = processor;
    this.threads = threads;
    this.queueCapacity = queueCapacity;
    this.parker = new PullRequestParker(store::maxOffset, this::rerun, clock);
    this.checkIntervalMillis = longPolling ? LONG_POLLING_CHECK_MILLIS
        : Math.max(1, shortPollingMillis);
    processor.parkWith(parker);
    store.addArrivalListener(parker);
  }

  public PullRequestParker parker() {
    return parker;
  }

  /** Registers PULL_MESSAGE and LITE_PULL_MESSAGE with a pull executor owned by the server. */
  @Override
  public String name() {
    return "pull";
  }

  @Override
  public void install(RemotingServer server) {
    Executor executor = server.newProcessorExecutor("pull", threads, queueCapacity);
    this.pullExecutor = executor;
    server.registerProcessor(RequestCode.PULL_MESSAGE, processor, executor);
    server.registerProcessor(RequestCode.LITE_PULL_MESSAGE, processor, executor);
  }

  @Override
  public synchronized void start(BrokerEndpoint endpoint) {
    if (holdThread != null) {
      return;
    }
    holdThread = Executors.newSingleThreadScheduledExecutor(
        new NamedThreadFactory("apogee-broker-pull-hold"));
    holdThread.scheduleWithFixedDelay(this::checkSafely, checkIntervalMillis, checkIntervalMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Stops the hold thread and answers the parked pulls (call before the store closes). */
  @Override
  public synchronized void shutdown() {
    if (holdThread != null) {
      holdThread.shutdownNow();
      try {
        holdThread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      holdThread = null;
    }
    List<ParkedPull> left = parker.drain();
    for (ParkedPull p : left) {
      answer(p);
    }
    if (!left.isEmpty()) {
      LOG.info("answered {} held pulls at shutdown", left.size());
    }
  }

  private void checkSafely() {
    try {
      parker.check();
    } catch (RuntimeException e) {
      LOG.error("long-polling check failed", e);
    }
  }

  /** Re-runs a woken pull on the pull executor (the caller may be the store's dispatch thread). */
  private void rerun(ParkedPull pull) {
    Executor executor = pullExecutor;
    if (executor == null) {
      answer(pull);
      return;
    }
    try {
      executor.execute(() -> answer(pull));
    } catch (RejectedExecutionException e) {
      pull.context().writeResponse(RemotingCommand.response(ResponseCode.SYSTEM_BUSY,
          "[OVERLOAD] pull executor full while answering a held pull of " + pull.header().where()));
    }
  }

  private void answer(ParkedPull pull) {
    RemotingCommand response;
    try {
      response = processor.pull(pull.context(), pull.header(), false);
    } catch (CommandException e) {
      response = RemotingCommand.response(e.responseCode(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("held pull of {} from {} failed: {}", pull.header().where(), pull.context().peer(),
          e.toString());
      response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
          "held pull of " + pull.header().where() + " failed: " + e);
    }
    if (response != null) {
      pull.context().writeResponse(response);
    }
  }
}
