package io.apogeemq.broker.topic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics this broker serves, persisted to {@code <storePathRootDir>/config/topics.json}.
 *
 * <p>Thread-safety: the table is an immutable {@link TopicTable} swapped atomically, so lookups on
 * the send and pull paths take no lock. Changes are serialized by the registry's monitor; each
 * change is written to disk <em>before</em> it becomes visible, so a failed write changes nothing
 * (and throws {@link TopicPersistenceException}). Change listeners run on the changing thread,
 * after the swap and outside the monitor; they must be quick (registration only schedules work).
 */
public final class TopicConfigRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(TopicConfigRegistry.class);

  private final TopicConfigFile file;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile TopicTable table;

  private TopicConfigRegistry(TopicConfigFile file, Clock clock, TopicTable table) {
    this.file = file;
    this.clock = clock;
    this.table = table;
  }

  /** Loads the table from {@code configDir/topics.json} (or its backup); empty when none. */
  public static TopicConfigRegistry open(Path configDir, Clock clock) throws IOException {
    TopicConfigFile file = new TopicConfigFile(configDir);
    TopicTable loaded = file.load();
    if (loaded == null) {
      loaded = new TopicTable(new DataVersion(clock.millis(), 0), Map.of());
    } else {
      LOG.info("Loaded {} topics from {}", loaded.topics().size(), file.path());
    }
    return new TopicConfigRegistry(file, clock, loaded);
  }

  /** The topic's config, or null. Lock-free. */
  public TopicConfig get(String topic) {
    return table.topics().get(topic);
  }

  /** All topics with their common version. */
  public TopicTable snapshot() {
    return table;
  }

  /** Called after every change (creation, update, deletion). */
  public void addChangeListener(Runnable listener) {
    listeners.add(listener);
  }

  /** Creates or replaces a topic. */
  public void put(TopicConfig config) {
    synchronized (this) {
      Map<String, TopicConfig> next = new HashMap<>(table.topics());
      next.put(config.topicName(), config);
      swap(next);
    }
    LOG.info("Topic {} set: read={} write={} perm={}", config.topicName(),
        config.readQueueNums(), config.writeQueueNums(), config.perm());
    fireChanged();
  }

  /** Removes a topic; false when it did not exist. */
  public boolean delete(String topic) {
    synchronized (this) {
      if (!table.topics().containsKey(topic)) {
        return false;
      }
      Map<String, TopicConfig> next = new HashMap<>(table.topics());
      next.remove(topic);
      swap(next);
    }
    LOG.info("Topic {} deleted", topic);
    fireChanged();
    return true;
  }

  /** Adds the topics that are missing, in one change (system topics at start). */
  public void putAllIfAbsent(Collection<TopicConfig> configs) {
    boolean changed = false;
    synchronized (this) {
      Map<String, TopicConfig> next = new HashMap<>(table.topics());
      for (TopicConfig c : configs) {
        changed |= next.putIfAbsent(c.topicName(), c) == null;
      }
      if (changed) {
        swap(next);
      }
    }
    if (changed) {
      fireChanged();
    }
  }

  /** Returns the topic, creating it from {@code config} when it does not exist. */
  public TopicConfig createIfAbsent(TopicConfig config) {
    TopicConfig existing = get(config.topicName());
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      existing = table.topics().get(config.topicName());
      if (existing != null) {
        return existing;
      }
      Map<String, TopicConfig> next = new HashMap<>(table.topics());
      next.put(config.topicName(), config);
      swap(next);
    }
    LOG.info("Topic {} created: read={} write={} perm={}", config.topicName(),
        config.readQueueNums(), config.writeQueueNums(), config.perm());
    fireChanged();
    return config;
  }

  /**
   * Send-time auto-creation (semantics.md §1.2): returns the existing topic, or creates it from
   * {@code templateTopic} when that exists and has the INHERIT bit, with
   * {@code min(requestedQueues, template.writeQueueNums)} queues and the template's permission
   * without INHERIT. Returns null when there is no usable template.
   */
  public TopicConfig createFromTemplate(String topic, String templateTopic, int requestedQueues,
      int topicSysFlag) {
    TopicConfig existing = get(topic);
    if (existing != null) {
      return existing;
    }
    TopicConfig template = get(templateTopic);
    if (template == null || !Perm.inherits(template.perm())) {
      return null;
    }
    int queues = Math.max(1, Math.min(requestedQueues, template.writeQueueNums()));
    return createIfAbsent(new TopicConfig(topic, queues, queues, template.perm() & ~Perm.INHERIT,
        "SINGLE_TAG", topicSysFlag, false, Map.of()));
  }

  /** Must hold the monitor. Writes first, then publishes. */
  private void swap(Map<String, TopicConfig> next) {
    TopicTable candidate = new TopicTable(table.dataVersion().next(clock.millis()), next);
    try {
      file.store(candidate);
    } catch (IOException e) {
      throw new TopicPersistenceException("cannot write " + file.path() + ": " + e.getMessage()
          + "; topic change not applied", e);
    }
    table = candidate;
  }

  private void fireChanged() {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.warn("Topic change listener failed", e);
      }
    }
  }
}
