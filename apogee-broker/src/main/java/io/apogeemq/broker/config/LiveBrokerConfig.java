package io.apogeemq.broker.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running broker's configuration, changeable at run time by {@code UPDATE_BROKER_CONFIG}
 * (codes.md §5.16) for the keys in {@link #RUNTIME_KEYS}; every other key is refused naming it
 * (it binds resources or is read once at start: change it in {@code broker.conf} and restart).
 *
 * <p>An update is validated exactly like {@code broker.conf} (the merged properties go through
 * {@link BrokerConfig#fromProperties}), then every key changed at run time so far is written to
 * {@code <storePathRootDir>/config/broker.properties} (temp file + rename), and only then
 * published to readers and listeners: a refused or failed update changes nothing. At start
 * {@link #open} re-applies that file over {@code broker.conf}.
 *
 * <p>{@code maxMessageSize} can be lowered at run time but not raised above the value the store
 * was opened with (the CommitLog sizes its encoder at start): a larger value is refused.
 *
 * <p>Thread-safe: updates are serialised by the instance monitor; {@link #get()} is lock-free and
 * callers read it per request. Listeners run on the updating thread after the new value is in
 * force.
 */
public final class LiveBrokerConfig {

  private static final Logger LOG = LoggerFactory.getLogger(LiveBrokerConfig.class);

  /** Keys {@code UPDATE_BROKER_CONFIG} accepts; their readers look at {@link #get()} each time. */
  public static final Set<String> RUNTIME_KEYS = Set.of("brokerPermission",
      "autoCreateTopicEnable", "autoCreateSubscriptionGroup", "maxMessageSize",
      "enablePropertyFilter");

  /** File name under {@code <storePathRootDir>/config}. */
  public static final String FILE_NAME = "broker.properties";

  private final AtomicReference<BrokerConfig> current;
  private final int storeMaxMessageSize;
  private final Path file;
  private final Properties overrides;
  private final List<Consumer<BrokerConfig>> listeners = new CopyOnWriteArrayList<>();
  private volatile long version;

  private LiveBrokerConfig(BrokerConfig startConfig, BrokerConfig effective, Properties overrides) {
    this.storeMaxMessageSize = startConfig.store().maxMessageSize();
    this.current = new AtomicReference<>(effective);
    this.file = startConfig.store().storePathRootDir().resolve("config").resolve(FILE_NAME);
    this.overrides = overrides;
  }

  /** A holder without persisted overrides (tests that build components directly). */
  public static LiveBrokerConfig of(BrokerConfig config) {
    return new LiveBrokerConfig(config, config, new Properties());
  }

  /**
   * {@code config} with the run-time changes persisted under its store root applied.
   *
   * @throws ConfigException naming the key and the file when the file holds a bad value or a
   *     key that cannot change at run time
   * @throws IOException when the file exists but cannot be read
   */
  public static LiveBrokerConfig open(BrokerConfig config) throws IOException {
    Path file = config.store().storePathRootDir().resolve("config").resolve(FILE_NAME);
    Properties saved = new Properties();
    if (Files.exists(file)) {
      saved.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    }
    if (saved.isEmpty()) {
      return new LiveBrokerConfig(config, config, saved);
    }
    try {
      BrokerConfig effective = apply(config, config.store().maxMessageSize(), saved);
      LOG.info("Broker {}: run-time config changes re-applied from {}: {}",
          config.brokerName(), file, new TreeMap<>(saved));
      return new LiveBrokerConfig(config, effective, saved);
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage() + " (in " + file + ")");
    }
  }

  /** The configuration now in force. */
  public BrokerConfig get() {
    return current.get();
  }

  /** Incremented by each applied update; 0 before the first. */
  public long version() {
    return version;
  }

  /** Called with the new configuration after each applied update. */
  public void addListener(Consumer<BrokerConfig> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Validates, persists and applies {@code changes}.
   *
   * @throws ConfigException naming the key when a key cannot change at run time or a value is
   *     invalid; nothing is applied
   * @throws IOException when broker.properties cannot be written; nothing is applied
   */
  public synchronized BrokerConfig update(Properties changes) throws IOException {
    BrokerConfig next = apply(current.get(), storeMaxMessageSize, changes);
    Properties merged = new Properties();
    merged.putAll(overrides);
    for (String key : changes.stringPropertyNames()) {
      merged.setProperty(key, changes.getProperty(key).trim());
    }
    persist(merged);
    overrides.clear();
    overrides.putAll(merged);
    current.set(next);
    version++;
    LOG.info("Broker {} config updated at run time: {}", next.brokerName(),
        new TreeMap<>(changes));
    for (Consumer<BrokerConfig> l : listeners) {
      try {
        l.accept(next);
      } catch (RuntimeException e) {
        LOG.warn("Broker config listener failed after update {}", changes, e);
      }
    }
    return next;
  }

  private static BrokerConfig apply(BrokerConfig base, int storeMax, Properties changes) {
    for (String key : new TreeMap<>(changes).keySet().stream().map(Object::toString).toList()) {
      if (!RUNTIME_KEYS.contains(key)) {
        throw new ConfigException("broker config key '" + key + "' cannot be changed at run "
            + "time (change it in broker.conf and restart; run-time keys: "
            + String.join(", ", new java.util.TreeSet<>(RUNTIME_KEYS)) + ")");
      }
    }
    BrokerConfig next = base.with(changes, w -> { });
    if (next.maxMessageSize() > storeMax) {
      throw new ConfigException("broker config key 'maxMessageSize': " + next.maxMessageSize()
          + " is above " + storeMax + ", the limit the store was opened with (raise it in "
          + "broker.conf and restart)");
    }
    // The store part keeps what it was opened with.
    return next.withStore(base.store());
  }

  private void persist(Properties merged) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder sb = new StringBuilder(
        "# Broker keys changed at run time (UPDATE_BROKER_CONFIG); applied over broker.conf\n");
    for (Map.Entry<Object, Object> e : new TreeMap<>(merged).entrySet()) {
      sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
