package io.apogeemq.broker.schedule;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.config.ScheduleConfig;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.MessageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delay levels (semantics.md §2): owns the delivery thread ({@link DelayDeliveryLoop}) and the
 * progress file {@code config/delayOffset.json}. Parking is done on the send path by
 * {@link DelayLevelRedirect} (see {@link #redirect()}).
 *
 * <p>Progress is loaded when the service is built (a malformed file stops the broker start with
 * an {@link IOException} naming it), clamped into each queue's offset range at start, and saved
 * periodically and at shutdown.
 *
 * <p>Thread-safety: lifecycle methods are called by {@code BrokerServer} in order.
 */
public final class ScheduleService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);

  private final MessageStore store;
  private final ScheduleConfig config;
  private final Clock clock;
  private final DelayOffsetFile file;
  private final Map<Integer, Long> loaded;
  private volatile DelayDeliveryLoop loop;

  /**
   * @param configDir {@code <storePathRootDir>/config}
   * @throws IOException when {@code delayOffset.json} exists but cannot be read
   */
  public ScheduleService(MessageStore store, ScheduleConfig config, Clock clock, Path configDir)
      throws IOException {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.file = new DelayOffsetFile(configDir.resolve("delayOffset.json"));
    this.loaded = file.load();
  }

  /** The send-path step that parks delay-level messages with this service's level table. */
  public DelayLevelRedirect redirect() {
    return new DelayLevelRedirect(config.messageDelayLevel());
  }

  @Override
  public String name() {
    return "schedule";
  }

  @Override
  public void start(BrokerEndpoint endpoint) {
    DelayLevels levels = config.messageDelayLevel();
    long[] progress = new long[levels.maxLevel()];
    for (int level = 1; level <= levels.maxLevel(); level++) {
      long min = store.minOffset(NameRules.SCHEDULE_TOPIC, level - 1);
      long max = store.maxOffset(NameRules.SCHEDULE_TOPIC, level - 1);
      long saved = loaded.getOrDefault(level, min);
      progress[level - 1] = Math.max(min, Math.min(saved, max));
    }
    DelayDeliveryLoop l = new DelayDeliveryLoop(store, levels, clock, file,
        config.flushDelayOffsetInterval(), progress);
    store.addArrivalListener((topic, queueId, next, tagsCode, storeTimestamp) -> {
      if (NameRules.SCHEDULE_TOPIC.equals(topic)) {
        l.arrived(queueId);
      }
    });
    loop = l;
    l.start();
    LOG.info("Delay levels {} delivering (progress file {})", levels.spec(), file.path());
  }

  @Override
  public void shutdown() {
    DelayDeliveryLoop l = loop;
    if (l != null) {
      l.stop();
      l.saveProgress();
    }
  }
}
