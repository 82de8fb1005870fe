package io.apogeemq.namesrv.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * NameServer configuration. Key names are the official NameServer's property names (the record
 * component names), so an existing {@code namesrv.conf} works unchanged.
 *
 * <p>Parsing rules ({@link #fromProperties}): unknown keys are reported through the warning callback
 * and ignored; a value that does not parse as the key's type, or is out of range, is rejected with
 * an {@link IllegalArgumentException} naming the key (the official NameServer silently keeps the
 * default instead, which hides typos). Booleans must be {@code true} or {@code false}
 * (case-insensitive). Values are trimmed.
 *
 * @param listenPort TCP port (default 9876)
 * @param bindAddress address to bind (default {@code 0.0.0.0})
 * @param rocketmqHome installation directory (informational)
 * @param kvConfigPath where the KV config is persisted
 * @param configStorePath where {@code UPDATE_NAMESRV_CONFIG} writes the merged configuration
 * @param productEnvName informational
 * @param clusterTest informational
 * @param orderMessageEnable put {@code orderTopicConf} from the KV store into routes
 * @param returnOrderTopicConfigToBroker answer registrations with the {@code ORDER_TOPIC_CONFIG}
 *     namespace
 * @param scanNotActiveBrokerInterval milliseconds between expiry scans
 * @param clientRequestThreadPoolNums threads serving route queries
 * @param defaultThreadPoolNums threads serving everything else
 * @param enableAllTopicList answer {@code GET_ALL_TOPIC_LIST_FROM_NAMESERVER}
 * @param enableTopicList answer the per-cluster, system and unit topic lists
 * @param deleteTopicWithBrokerRegistration drop topics a broker stops reporting
 * @param supportActingMaster accepted for compatibility; acting-master mode is not implemented
 * @param needWaitForService answer route queries with an error for {@code waitSecondsForService}
 *     after start
 * @param waitSecondsForService see {@code needWaitForService}
 * @param configBlackList {@code ;}-separated keys that {@code UPDATE_NAMESRV_CONFIG} refuses
 */
public record NamesrvConfig(
    int listenPort,
    String bindAddress,
    String rocketmqHome,
    String kvConfigPath,
    String configStorePath,
    String productEnvName,
    boolean clusterTest,
    boolean orderMessageEnable,
    boolean returnOrderTopicConfigToBroker,
    long scanNotActiveBrokerInterval,
    int clientRequestThreadPoolNums,
    int defaultThreadPoolNums,
    boolean enableAllTopicList,
    boolean enableTopicList,
    boolean deleteTopicWithBrokerRegistration,
    boolean supportActingMaster,
    boolean needWaitForService,
    int waitSecondsForService,
    String configBlackList) {

  /** Default port of a NameServer. */
  public static final int DEFAULT_PORT = 9876;

  public NamesrvConfig {
    require(listenPort >= 0 && listenPort <= 65535, "listenPort", listenPort, "0..65535");
    require(scanNotActiveBrokerInterval > 0, "scanNotActiveBrokerInterval", scanNotActiveBrokerInterval, "> 0");
    require(clientRequestThreadPoolNums > 0, "clientRequestThreadPoolNums", clientRequestThreadPoolNums, "> 0");
    require(defaultThreadPoolNums > 0, "defaultThreadPoolNums", defaultThreadPoolNums, "> 0");
    require(waitSecondsForService >= 0, "waitSecondsForService", waitSecondsForService, ">= 0");
    require(bindAddress != null && !bindAddress.isBlank(), "bindAddress", bindAddress, "an address");
    require(kvConfigPath != null && !kvConfigPath.isBlank(), "kvConfigPath", kvConfigPath, "a path");
    require(configStorePath != null && !configStorePath.isBlank(), "configStorePath", configStorePath, "a path");
  }

  private static void require(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException("Config key '" + key + "': value '" + value + "' is not " + expected);
    }
  }

  /** Defaults, with paths below {@code user.home} as in the official NameServer. */
  public static NamesrvConfig defaults() {
    String home = System.getProperty("user.home");
    String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv("ROCKETMQ_HOME"));
    return new NamesrvConfig(
        DEFAULT_PORT,
        "0.0.0.0",
        rocketmqHome == null ? "" : rocketmqHome,
        Path.of(home, "namesrv", "kvConfig.json").toString(),
        Path.of(home, "namesrv", "namesrv.properties").toString(),
        "center",
        false,
        false,
        true,
        10_000,
        8,
        16,
        true,
        true,
        false,
        false,
        false,
        45,
        "configBlackList;configStorePath;kvConfigPath");
  }

  /** The names of all keys, in declaration order. */
  public static List<String> keys() {
    return Arrays.stream(NamesrvConfig.class.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  /** Keys {@code UPDATE_NAMESRV_CONFIG} must refuse. */
  public Set<String> blackListedKeys() {
    return Arrays.stream(configBlackList.split(";"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** All keys with their current values, in declaration order. */
  public Map<String, String> asMap() {
    Map<String, String> out = new LinkedHashMap<>();
    for (RecordComponent c : NamesrvConfig.class.getRecordComponents()) {
      try {
        out.put(c.getName(), String.valueOf(c.getAccessor().invoke(this)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot read config key " + c.getName(), e);
      }
    }
    return out;
  }

  /** {@code key=value} lines, as {@code GET_NAMESRV_CONFIG} and {@code -p} print them. */
  public String toPropertiesText() {
    StringBuilder sb = new StringBuilder();
    asMap().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  /**
   * This configuration with the given properties applied.
   *
   * @param props keys to change
   * @param warn receives one message per unknown key
   * @throws IllegalArgumentException naming the key when a value is invalid
   */
  public NamesrvConfig with(Properties props, Consumer<String> warn) {
    RecordComponent[] components = NamesrvConfig.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) {
      index.put(components[i].getName(), i);
      try {
        values[i] = components[i].getAccessor().invoke(this);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
    }
    List<String> names = new ArrayList<>(props.stringPropertyNames());
    names.sort(null);
    for (String key : names) {
      Integer i = index.get(key);
      if (i == null) {
        warn.accept("Unknown NameServer config key '" + key + "' ignored");
        continue;
      }
      values[i] = parse(key, components[i].getType(), props.getProperty(key));
    }
    try {
      Constructor<NamesrvConfig> ctor =
          NamesrvConfig.class.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Defaults with the given properties applied; see {@link #with}. */
  public static NamesrvConfig fromProperties(Properties props, Consumer<String> warn) {
    return defaults().with(props, warn);
  }

  private static Object parse(String key, Class<?> type, String raw) {
    String v = raw.trim();
    try {
      if (type == int.class) {
        return Integer.parseInt(v);
      }
      if (type == long.class) {
        return Long.parseLong(v);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Config key '" + key + "': '" + raw + "' is not a number", e);
    }
    if (type == boolean.class) {
      if (v.equalsIgnoreCase("true")) {
        return true;
      }
      if (v.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException("Config key '" + key + "': '" + raw + "' is not true or false");
    }
    return v;
  }
}
