package io.apogeemq.namesrv.kv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespaced key/value configuration of the NameServer (for example the {@code ORDER_TOPIC_CONFIG}
 * namespace: topic to {@code brokerName:queueCount;...}), persisted as JSON.
 *
 * <p>File format (the same shape the official NameServer writes to {@code kvConfig.json}, so an
 * existing file can be reused):
 *
 * <pre>
 *   {"configTable":{"&lt;namespace&gt;":{"&lt;key&gt;":"&lt;value&gt;", ...}, ...}}
 * </pre>
 *
 * <p>Every change is written to {@code <file>.tmp}, forced to disk and renamed over the file, so a
 * crash leaves either the old or the new content. A change whose write fails is not applied and the
 * caller gets the {@link IOException}.
 *
 * <p>Thread-safety: safe for any number of threads. Readers see an immutable snapshot through a
 * volatile field; writers are serialised by the instance monitor (writes are rare admin actions).
 */
public final class KvConfigStore {

  private static final Logger LOG = LoggerFactory.getLogger(KvConfigStore.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);
  private static final TypeReference<Map<String, Map<String, Map<String, String>>>> FILE_TYPE =
      new TypeReference<>() {};

  private final Path file;
  private volatile Map<String, Map<String, String>> table = Map.of();
  private volatile long generation;

  /** A store backed by {@code file}; call {@link #load()} before use. */
  public KvConfigStore(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * Reads the file. A missing file means an empty store; an unreadable or malformed one is an error
   * (the file is left untouched so nothing is lost).
   */
  public synchronized void load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      LOG.info("No KV config file at {}, starting empty", file);
      table = Map.of();
      return;
    }
    if (bytes.length == 0) {
      table = Map.of();
      return;
    }
    Map<String, Map<String, Map<String, String>>> root;
    try {
      root = JSON.readValue(bytes, FILE_TYPE);
    } catch (IOException e) {
      throw new IOException("KV config file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    Map<String, Map<String, String>> loaded = new HashMap<>();
    Map<String, Map<String, String>> configTable = root == null ? null : root.get("configTable");
    if (configTable != null) {
      configTable.forEach((ns, kv) -> {
        if (ns != null && kv != null) {
          Map<String, String> clean = new HashMap<>();
          kv.forEach((k, v) -> {
            if (k != null && v != null) {
              clean.put(k, v);
            }
          });
          loaded.put(ns, Map.copyOf(clean));
        }
      });
    }
    table = Map.copyOf(loaded);
    generation++;
    LOG.info("Loaded KV config from {}: {} namespaces", file, loaded.size());
  }

  /** Sets a value, persisting before it becomes visible. */
  public synchronized void put(String namespace, String key, String value) throws IOException {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, String> ns = new HashMap<>(table.getOrDefault(namespace, Map.of()));
    if (value.equals(ns.put(key, value))) {
      return;
    }
    Map<String, Map<String, String>> next = new HashMap<>(table);
    next.put(namespace, Map.copyOf(ns));
    commit(next);
  }

  /** Removes a value if present, persisting before the removal becomes visible. */
  public synchronized void delete(String namespace, String key) throws IOException {
    Map<String, String> current = table.get(namespace);
    if (current == null || !current.containsKey(key)) {
      return;
    }
    Map<String, String> ns = new HashMap<>(current);
    ns.remove(key);
    Map<String, Map<String, String>> next = new HashMap<>(table);
    if (ns.isEmpty()) {
      next.remove(namespace);
    } else {
      next.put(namespace, Map.copyOf(ns));
    }
    commit(next);
  }

  /** The value of {@code key} in {@code namespace}. */
  public Optional<String> get(String namespace, String key) {
    Map<String, String> ns = table.get(namespace);
    return ns == null ? Optional.empty() : Optional.ofNullable(ns.get(key));
  }

  /** All entries of a namespace (empty map when it has none). Immutable. */
  public Map<String, String> namespace(String namespace) {
    return table.getOrDefault(namespace, Map.of());
  }

  /** Increases after every change; lets callers cache values derived from this store. */
  public long generation() {
    return generation;
  }

  /** The backing file. */
  public Path file() {
    return file;
  }

  private void commit(Map<String, Map<String, String>> next) throws IOException {
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("configTable", next));
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      var buf = java.nio.ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new IOException("Cannot write KV config to " + tmp + ": " + e.getMessage(), e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    table = Map.copyOf(next);
    generation++;
  }
}
