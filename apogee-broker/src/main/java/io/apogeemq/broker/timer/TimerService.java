package io.apogeemq.broker.timer;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.config.ScheduleConfig;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.timer.TimerStore;
import io.apogeemq.store.timer.TimerStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timer messages (semantics.md §3): parks them on the send path ({@link #redirect()}), keeps them
 * in a disk-backed {@link TimerStore} under {@code <storePathRootDir>/timer/} and delivers them
 * at their millisecond ({@link TimerDeliveryLoop}). With {@code timerWheelEnable=false} nothing is
 * opened and timer messages are refused.
 *
 * <p>Thread-safety: lifecycle methods are called by {@code BrokerServer} in order.
 */
public final class TimerService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(TimerService.class);

  private final MessageStore store;
  private final ScheduleConfig config;
  private final Clock clock;
  private final Path dir;
  private TimerStore timer;
  private TimerDeliveryLoop loop;

  /** @param dir where the timer files live ({@code <storePathRootDir>/timer}) */
  public TimerService(MessageStore store, ScheduleConfig config, Clock clock, Path dir) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.dir = dir;
  }

  /** The send-path step that parks timer messages. */
  public TimerRedirect redirect() {
    return new TimerRedirect(clock, config.timerWheelEnable(), config.timerMaxDelaySec());
  }

  @Override
  public String name() {
    return "timer";
  }

  @Override
  public synchronized void start(BrokerEndpoint endpoint) {
    if (!config.timerWheelEnable()) {
      return;
    }
    TimerStoreConfig cfg = TimerStoreConfig.forMaxDelay(config.timerPrecisionMs(),
        config.timerMaxDelaySec() * 1000L);
    try {
      timer = TimerStore.open(dir, cfg, clock.millis());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the timer store in " + dir + ": "
          + e.getMessage(), e);
    }
    TimerDeliveryLoop l = new TimerDeliveryLoop(store, timer, clock,
        config.timerFlushIntervalMs(), cfg.precisionMs());
    store.addArrivalListener((topic, queueId, next, tagsCode, storeTimestamp) -> {
      if (TimerTopic.NAME.equals(topic)) {
        l.arrived();
      }
    });
    loop = l;
    l.start();
    LOG.info("Timer messages delivering from {} (wheel of {} slots of {} ms)", dir,
        cfg.wheelSlots(), cfg.precisionMs());
  }

  @Override
  public synchronized void shutdown() {
    if (loop != null) {
      loop.stop();
    }
    if (timer != null) {
      try {
        timer.close();
      } catch (RuntimeException e) {
        LOG.warn("Timer store in {} did not close cleanly: {}", dir, e.getMessage());
      }
    }
  }
}
