package io.apogeemq.broker.subscription;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.broker.persist.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's consumer-group configurations, auto-created on first use when
 * {@code autoCreateSubscriptionGroup} is on, persisted to
 * {@code <storePathRootDir>/config/subscriptionGroup.json}.
 *
 * <p>File format (the shape the official broker writes, so files can move between them):
 *
 * <pre>
 * {"subscriptionGroupTable":{"&lt;group&gt;":{"groupName":"&lt;group&gt;","consumeEnable":true,...}, ...},
 *  "dataVersion":{"counter":&lt;long&gt;,"timestamp":&lt;epoch ms&gt;}}
 * </pre>
 *
 * <p>Every change is written through {@link AtomicFile} before it becomes visible. A change whose
 * write fails is not applied and the caller gets an {@link UncheckedIOException}.
 *
 * <p>Thread-safety: lookups are lock-free reads of a concurrent map; changes are serialised by the
 * instance monitor (they are rare: one per new group or admin action).
 */
public final class SubscriptionGroupRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupRegistry.class);
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final java.util.function.BooleanSupplier autoCreate;
  private final Clock clock;
  private final Map<String, SubscriptionGroupConfig> groups = new ConcurrentHashMap<>();
  private long dataVersion;

  public SubscriptionGroupRegistry(Path file, boolean autoCreate, Clock clock) {
    this(file, () -> autoCreate, clock);
  }

  /** @param autoCreate read per lookup ({@code autoCreateSubscriptionGroup} changes live) */
  public SubscriptionGroupRegistry(Path file, java.util.function.BooleanSupplier autoCreate,
      Clock clock) {
    this.file = Objects.requireNonNull(file, "file");
    this.autoCreate = autoCreate;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reads the file. A missing file means no groups yet; a malformed one is an error and is left
   * untouched so nothing is lost.
   */
  public synchronized void load() throws IOException {
    Optional<byte[]> bytes = AtomicFile.read(file);
    if (bytes.isEmpty() || bytes.get().length == 0) {
      LOG.info("No subscription group file at {}, starting with no groups", file);
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes.get());
    } catch (IOException e) {
      throw new IOException("subscription group file " + file + " is not valid JSON: "
          + e.getMessage(), e);
    }
    JsonNode table = root == null ? null : root.get("subscriptionGroupTable");
    if (table != null && table.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = table.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        ObjectNode node = (ObjectNode) e.getValue();
        if (!node.has("groupName")) {
          node.put("groupName", e.getKey());
        }
        SubscriptionGroupConfig defaults = SubscriptionGroupConfig.defaults(e.getKey());
        ObjectNode merged = JSON.valueToTree(defaults);
        merged.setAll(node);
        groups.put(e.getKey(), JSON.treeToValue(merged, SubscriptionGroupConfig.class));
      }
    }
    JsonNode version = root == null ? null : root.path("dataVersion").get("counter");
    dataVersion = version == null ? 0 : version.asLong();
    LOG.info("Loaded {} subscription groups from {}", groups.size(), file);
  }

  /** The group's configuration, or empty when it has none. */
  public Optional<SubscriptionGroupConfig> find(String group) {
    return Optional.ofNullable(groups.get(group));
  }

  /**
   * The group's configuration, creating the default one if it has none and auto-creation is on;
   * empty when the group is unknown and auto-creation is off.
   */
  public Optional<SubscriptionGroupConfig> findOrCreate(String group) {
    SubscriptionGroupConfig config = groups.get(group);
    if (config != null) {
      return Optional.of(config);
    }
    if (!autoCreate.getAsBoolean()) {
      return Optional.empty();
    }
    synchronized (this) {
      config = groups.get(group);
      if (config == null) {
        config = SubscriptionGroupConfig.defaults(group);
        putAndPersist(config);
        LOG.info("Auto-created subscription group {}", group);
      }
      return Optional.of(config);
    }
  }

  /** Creates or replaces a group's configuration. */
  public synchronized void update(SubscriptionGroupConfig config) {
    putAndPersist(config);
  }

  /** Removes a group's configuration; returns whether it existed. */
  public synchronized boolean delete(String group) {
    SubscriptionGroupConfig old = groups.remove(group);
    if (old == null) {
      return false;
    }
    try {
      persist();
    } catch (IOException e) {
      groups.put(group, old);
      throw new UncheckedIOException("cannot persist deletion of subscription group " + group
          + " to " + file + ": " + e.getMessage(), e);
    }
    return true;
  }

  public Collection<SubscriptionGroupConfig> all() {
    return List.copyOf(groups.values());
  }

  public synchronized long dataVersion() {
    return dataVersion;
  }

  private void putAndPersist(SubscriptionGroupConfig config) {
    SubscriptionGroupConfig old = groups.put(config.groupName(), config);
    try {
      persist();
    } catch (IOException e) {
      if (old == null) {
        groups.remove(config.groupName());
      } else {
        groups.put(config.groupName(), old);
      }
      throw new UncheckedIOException("cannot persist subscription group " + config.groupName()
          + " to " + file + ": " + e.getMessage(), e);
    }
  }

  private void persist() throws IOException {
    long next = dataVersion + 1;
    ObjectNode root = JSON.createObjectNode();
    ObjectNode table = root.putObject("subscriptionGroupTable");
    List<SubscriptionGroupConfig> sorted = new ArrayList<>(groups.values());
    sorted.sort((a, b) -> a.groupName().compareTo(b.groupName()));
    for (SubscriptionGroupConfig c : sorted) {
      table.set(c.groupName(), JSON.valueToTree(c));
    }
    ObjectNode version = root.putObject("dataVersion");
    version.put("counter", next);
    version.put("timestamp", clock.millis());
    AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    dataVersion = next;
  }
}
