package io.apogeemq.namesrv.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running NameServer's configuration, changeable at run time by {@code UPDATE_NAMESRV_CONFIG}.
 *
 * <p>Readers call {@link #get()} per request and see one consistent {@link NamesrvConfig}. An update
 * is validated completely, written to {@code configStorePath} (temp file + rename), and only then
 * published, so a refused or failed update changes nothing. Keys that bind resources at start
 * ({@code listenPort}, {@code bindAddress}, thread counts, paths) take effect at the next start.
 *
 * <p>Thread-safe: updates are serialised by the instance monitor; reads are lock-free.
 */
public final class LiveNamesrvConfig {

  private static final Logger LOG = LoggerFactory.getLogger(LiveNamesrvConfig.class);

  private final AtomicReference<NamesrvConfig> current;

  public LiveNamesrvConfig(NamesrvConfig initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  /** The configuration now in force. */
  public NamesrvConfig get() {
    return current.get();
  }

  /**
   * Applies and persists an update.
   *
   * @return warnings (unknown keys)
   * @throws BlackListedKeyException when a key is not updatable remotely; nothing is applied
   * @throws IllegalArgumentException naming the key when a value is invalid; nothing is applied
   * @throws IOException when the merged configuration cannot be written; nothing is applied
   */
  public synchronized List<String> update(Properties props) throws IOException, BlackListedKeyException {
    NamesrvConfig now = current.get();
    Set<String> black = now.blackListedKeys();
    for (String key : props.stringPropertyNames()) {
      if (black.contains(key)) {
        throw new BlackListedKeyException(key);
      }
    }
    List<String> warnings = new ArrayList<>();
    NamesrvConfig next = now.with(props, warnings::add);
    persist(Path.of(now.configStorePath()), next);
    current.set(next);
    LOG.info("NameServer config updated: {}", props);
    return warnings;
  }

  private static void persist(Path file, NamesrvConfig config) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, config.toPropertiesText(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** An update touched a key listed in {@code configBlackList}. */
  public static final class BlackListedKeyException extends Exception {
    private final String key;

    public BlackListedKeyException(String key) {
      super("Can not update config in black list: " + key);
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
