package io.apogeemq.broker.config;

import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.StoreConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Typed broker configuration. Component names are RocketMQ's {@code broker.conf} keys
 * (config.md §2), so an existing file works unchanged; {@link #fromProperties} reads it, warns
 * about keys Apogee does not read, and rejects values that do not parse or are out of range,
 * naming the key.
 *
 * @param brokerClusterName cluster this broker registers under
 * @param brokerName broker group name
 * @param brokerId 0 = master, &gt;0 = slave (forced to 0 for a master role, see {@link HaConfig})
 * @param brokerIP1 address advertised to clients ({@code brokerIP1:listenPort})
 * @param listenPort remoting port; 0 picks a free one (tests)
 * @param bindAddress interface the remoting server listens on (Apogee key; default all)
 * @param namesrvAddr NameServer addresses {@code host:port}; empty = do not register
 * @param brokerPermission 2 write, 4 read, 6 both
 * @param registerNameServerPeriod registration period (ms), clamped to [10000, 60000]
 * @param registerBrokerTimeoutMills timeout of each registration call (ms)
 * @param autoCreateTopicEnable create the {@code TBW102} template and topics on first send
 * @param autoCreateSubscriptionGroup create subscription groups on first use
 * @param defaultTopicQueueNums queue count of {@code TBW102}
 * @param maxMessageSize largest message body accepted (bytes)
 * @param clusterTopicEnable create the topic named after the cluster
 * @param brokerTopicEnable create the topic named after the broker
 * @param traceOn returned to producers in send results
 * @param longPollingEnable hold pulls up to the client's suspend time
 * @param shortPollingTimeMills hold time when long polling is disabled (ms)
 * @param notifyConsumerIdsChangedEnable push NOTIFY_CONSUMER_IDS_CHANGED to group members
 * @param flushConsumerOffsetInterval consumer offset persistence period (ms)
 * @param channelExpiredTimeout client channel expiry without heartbeat (ms)
 * @param sendMessageThreadPoolNums threads validating sends and handing them to the store
 * @param sendThreadPoolQueueCapacity queued sends before SYSTEM_BUSY
 * @param pullMessageThreadPoolNums pull threads
 * @param pullThreadPoolQueueCapacity queued pulls before SYSTEM_BUSY
 * @param serverChannelMaxIdleTimeSeconds idle connections are closed after this long
 * @param transaction transactional-message keys ({@link TransactionConfig})
 * @param lock orderly queue locks ({@link LockConfig})
 * @param filter message filtering keys ({@code enablePropertyFilter})
 * @param schedule delay levels ({@code messageDelayLevel}, {@code flushDelayOffsetInterval})
 * @param ha master/slave replication: role, HA port and addresses
 * @param store the store part of the same file
 */
public record BrokerConfig(
    String brokerClusterName,
    String brokerName,
    long brokerId,
    String brokerIP1,
    int listenPort,
    String bindAddress,
    List<String> namesrvAddr,
    int brokerPermission,
    int registerNameServerPeriod,
    int registerBrokerTimeoutMills,
    boolean autoCreateTopicEnable,
    boolean autoCreateSubscriptionGroup,
    int defaultTopicQueueNums,
    int maxMessageSize,
    boolean clusterTopicEnable,
    boolean brokerTopicEnable,
    boolean traceOn,
    boolean longPollingEnable,
    long shortPollingTimeMills,
    boolean notifyConsumerIdsChangedEnable,
    int flushConsumerOffsetInterval,
    long channelExpiredTimeout,
    int sendMessageThreadPoolNums,
    int sendThreadPoolQueueCapacity,
    int pullMessageThreadPoolNums,
    int pullThreadPoolQueueCapacity,
    int serverChannelMaxIdleTimeSeconds,
    TransactionConfig transaction,
    LockConfig lock,
    FilterConfig filter,
    ScheduleConfig schedule,
    HaConfig ha,
    StoreConfig store) {

  /** Default remoting port of a broker. */
  public static final int DEFAULT_LISTEN_PORT = 10911;

  public BrokerConfig {
    namesrvAddr = List.copyOf(namesrvAddr);
    requireName("brokerClusterName", brokerClusterName);
    requireName("brokerName", brokerName);
    if (ha.brokerRole().isMaster()) {
      brokerId = 0;
    } else if (brokerId <= 0) {
      throw new ConfigException("broker config key 'brokerId': " + brokerId
          + " is not a slave id (brokerRole=SLAVE needs brokerId > 0)");
    }
    if ((brokerPermission & ~7) != 0) {
      throw new ConfigException("broker config key 'brokerPermission': " + brokerPermission
          + " is not a permission (0..7: 2 write, 4 read)");
    }
    registerNameServerPeriod = Math.max(10_000, Math.min(60_000, registerNameServerPeriod));
  }

  private static void requireName(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException("broker config key '" + key + "' must not be empty");
    }
  }

  /** This configuration with another store part (the rest unchanged). */
  public BrokerConfig withStore(StoreConfig other) {
    return new BrokerConfig(brokerClusterName, brokerName, brokerId, brokerIP1, listenPort,
        bindAddress, namesrvAddr, brokerPermission, registerNameServerPeriod,
        registerBrokerTimeoutMills, autoCreateTopicEnable, autoCreateSubscriptionGroup,
        defaultTopicQueueNums, maxMessageSize, clusterTopicEnable, brokerTopicEnable, traceOn,
        longPollingEnable, shortPollingTimeMills, notifyConsumerIdsChangedEnable,
        flushConsumerOffsetInterval, channelExpiredTimeout, sendMessageThreadPoolNums,
        sendThreadPoolQueueCapacity, pullMessageThreadPoolNums, pullThreadPoolQueueCapacity,
        serverChannelMaxIdleTimeSeconds, transaction, lock, filter, schedule, ha, other);
  }

  /** The address clients use for this broker: {@code brokerIP1:port}. */
  public String brokerAddr(int actualPort) {
    return brokerIP1 + ":" + actualPort;
  }

  /** True when {@code brokerPermission} has the WRITE bit. */
  public boolean writable() {
    return (brokerPermission & 2) != 0;
  }

  /** Defaults (RocketMQ's) with the store under {@code storePathRootDir}. */
  public static BrokerConfig defaults(Path storePathRootDir) {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", storePathRootDir.toString());
    return fromProperties(p, w -> { });
  }

  /** This configuration with other values for some keys (tests, command-line overrides). */
  public BrokerConfig with(Properties overrides, Consumer<String> warn) {
    Properties merged = toProperties();
    merged.putAll(overrides);
    return fromProperties(merged, warn);
  }

  /**
   * Reads a {@code broker.conf}. Keys Apogee does not read are reported to {@code warn}, one call
   * per key; values that do not parse, or are out of range, throw {@link ConfigException} naming
   * the key.
   */
  public static BrokerConfig fromProperties(Properties props, Consumer<String> warn) {
    PropertyReader r = new PropertyReader(props);
    int cores = Runtime.getRuntime().availableProcessors();
    String root = r.string("storePathRootDir", System.getProperty("user.home") + "/store");
    int maxMessageSize = r.integer("maxMessageSize", 4 * 1024 * 1024, 1, 256 * 1024 * 1024);
    String brokerIP1 = r.string("brokerIP1", LocalAddress::detect);
    BrokerConfig cfg = new BrokerConfig(
        r.string("brokerClusterName", "DefaultCluster"),
        r.string("brokerName", BrokerConfig::defaultBrokerName),
        r.longValue("brokerId", 0, -1, Long.MAX_VALUE),
        brokerIP1,
        r.integer("listenPort", DEFAULT_LISTEN_PORT, 0, 65535),
        r.string("bindAddress", "0.0.0.0"),
        namesrvList(r.string("namesrvAddr", BrokerConfig::defaultNamesrvAddr)),
        r.integer("brokerPermission", 6, 0, 7),
        r.integer("registerNameServerPeriod", 30_000, 0, Integer.MAX_VALUE),
        r.integer("registerBrokerTimeoutMills", 24_000, 1, Integer.MAX_VALUE),
        r.bool("autoCreateTopicEnable", true),
        r.bool("autoCreateSubscriptionGroup", true),
        r.integer("defaultTopicQueueNums", 8, 1, 1024),
        maxMessageSize,
        r.bool("clusterTopicEnable", true),
        r.bool("brokerTopicEnable", true),
        r.bool("traceOn", true),
        r.bool("longPollingEnable", true),
        r.longValue("shortPollingTimeMills", 1000, 1, 3_600_000),
        r.bool("notifyConsumerIdsChangedEnable", true),
        r.integer("flushConsumerOffsetInterval", 5000, 1, Integer.MAX_VALUE),
        r.longValue("channelExpiredTimeout", 120_000, 1, Long.MAX_VALUE),
        r.integer("sendMessageThreadPoolNums", Math.min(cores, 4), 1, 1024),
        r.integer("sendThreadPoolQueueCapacity", 10_000, 1, Integer.MAX_VALUE),
        r.integer("pullMessageThreadPoolNums", 16 + 2 * cores, 1, 1024),
        r.integer("pullThreadPoolQueueCapacity", 100_000, 1, Integer.MAX_VALUE),
        r.integer("serverChannelMaxIdleTimeSeconds", 120, 0, Integer.MAX_VALUE),
        TransactionConfig.read(r),
        LockConfig.read(r),
        FilterConfig.read(r),
        ScheduleConfig.read(r),
        HaConfig.read(r, brokerIP1,
            r.longValue("syncFlushTimeout", 5000, 0, Integer.MAX_VALUE)),
        StoreKeys.read(r, root, maxMessageSize));
    r.markKnown(IGNORED_QUIETLY);
    for (String key : r.unknownKeys()) {
      warn.accept("broker config key '" + key + "' is not used by Apogee and is ignored");
    }
    return cfg;
  }

  /** Keys every RocketMQ config file carries that have no meaning for Apogee. */
  private static final Set<String> IGNORED_QUIETLY = Set.of("rocketmqHome");

  /** The keys and values, as a {@code broker.conf} would hold them. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("brokerClusterName", brokerClusterName);
    p.setProperty("brokerName", brokerName);
    p.setProperty("brokerId", Long.toString(brokerId));
    p.setProperty("brokerIP1", brokerIP1);
    p.setProperty("listenPort", Integer.toString(listenPort));
    p.setProperty("bindAddress", bindAddress);
    p.setProperty("namesrvAddr", String.join(";", namesrvAddr));
    p.setProperty("brokerPermission", Integer.toString(brokerPermission));
    p.setProperty("registerNameServerPeriod", Integer.toString(registerNameServerPeriod));
    p.setProperty("registerBrokerTimeoutMills", Integer.toString(registerBrokerTimeoutMills));
    p.setProperty("autoCreateTopicEnable", Boolean.toString(autoCreateTopicEnable));
    p.setProperty("autoCreateSubscriptionGroup", Boolean.toString(autoCreateSubscriptionGroup));
    p.setProperty("defaultTopicQueueNums", Integer.toString(defaultTopicQueueNums));
    p.setProperty("maxMessageSize", Integer.toString(maxMessageSize));
    p.setProperty("clusterTopicEnable", Boolean.toString(clusterTopicEnable));
    p.setProperty("brokerTopicEnable", Boolean.toString(brokerTopicEnable));
    p.setProperty("traceOn", Boolean.toString(traceOn));
    p.setProperty("longPollingEnable", Boolean.toString(longPollingEnable));
    p.setProperty("shortPollingTimeMills", Long.toString(shortPollingTimeMills));
    p.setProperty("notifyConsumerIdsChangedEnable",
        Boolean.toString(notifyConsumerIdsChangedEnable));
    p.setProperty("flushConsumerOffsetInterval", Integer.toString(flushConsumerOffsetInterval));
    p.setProperty("channelExpiredTimeout", Long.toString(channelExpiredTimeout));
    p.setProperty("sendMessageThreadPoolNums", Integer.toString(sendMessageThreadPoolNums));
    p.setProperty("sendThreadPoolQueueCapacity", Integer.toString(sendThreadPoolQueueCapacity));
    p.setProperty("pullMessageThreadPoolNums", Integer.toString(pullMessageThreadPoolNums));
    p.setProperty("pullThreadPoolQueueCapacity", Integer.toString(pullThreadPoolQueueCapacity));
    p.setProperty("serverChannelMaxIdleTimeSeconds",
        Integer.toString(serverChannelMaxIdleTimeSeconds));
    transaction.writeTo(p);
    lock.writeTo(p);
    filter.writeTo(p);
    schedule.writeTo(p);
    ha.writeTo(p);
    StoreConfig s = store;
    p.setProperty("storePathRootDir", s.storePathRootDir().toString());
    p.setProperty("storePathCommitLog", s.storePathCommitLog().toString());
    p.setProperty("mappedFileSizeCommitLog", Integer.toString(s.mappedFileSizeCommitLog()));
    p.setProperty("mappedFileSizeConsumeQueue", Integer.toString(s.mappedFileSizeConsumeQueue()));
    p.setProperty("flushDiskType", s.flushDiskType().name());
    p.setProperty("flushIntervalCommitLog", Integer.toString(s.flushIntervalCommitLog()));
    p.setProperty("flushCommitLogLeastPages", Integer.toString(s.flushCommitLogLeastPages()));
    p.setProperty("flushCommitLogThoroughInterval",
        Integer.toString(s.flushCommitLogThoroughInterval()));
    p.setProperty("syncFlushTimeout", Long.toString(s.syncFlushTimeout()));
    p.setProperty("flushIntervalConsumeQueue", Integer.toString(s.flushIntervalConsumeQueue()));
    p.setProperty("flushConsumeQueueLeastPages",
        Integer.toString(s.flushConsumeQueueLeastPages()));
    p.setProperty("deleteWhen", s.deleteWhen());
    p.setProperty("fileReservedTime", Integer.toString(s.fileReservedTime()));
    p.setProperty("diskMaxUsedSpaceRatio", Integer.toString(s.diskMaxUsedSpaceRatio()));
    p.setProperty("diskSpaceCleanForciblyRatio",
        Integer.toString(s.diskSpaceCleanForciblyRatio()));
    p.setProperty("diskSpaceWarningLevelRatio", Integer.toString(s.diskSpaceWarningLevelRatio()));
    p.setProperty("cleanResourceInterval", Integer.toString(s.cleanResourceInterval()));
    p.setProperty("messageIndexEnable", Boolean.toString(s.messageIndexEnable()));
    p.setProperty("maxHashSlotNum", Integer.toString(s.maxHashSlotNum()));
    p.setProperty("maxIndexNum", Integer.toString(s.maxIndexNum()));
    p.setProperty("checkCRCOnRecover", Boolean.toString(s.checkCRCOnRecover()));
    p.setProperty("maxTransferCountOnMessageInMemory",
        Integer.toString(s.maxTransferCountOnMessageInMemory()));
    p.setProperty("maxTransferBytesOnMessageInMemory",
        Integer.toString(s.maxTransferBytesOnMessageInMemory()));
    return p;
  }

  private static List<String> namesrvList(String value) {
    List<String> out = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return out;
    }
    for (String part : value.split(";")) {
      String addr = part.trim();
      if (addr.isEmpty()) {
        continue;
      }
      int colon = addr.lastIndexOf(':');
      boolean ok = colon > 0 && colon < addr.length() - 1;
      if (ok) {
        try {
          int port = Integer.parseInt(addr.substring(colon + 1));
          ok = port > 0 && port <= 65535;
        } catch (NumberFormatException e) {
          ok = false;
        }
      }
      if (!ok) {
        throw new ConfigException("broker config key 'namesrvAddr': '" + addr
            + "' is not host:port (the value is host:port;host:port)");
      }
      out.add(addr);
    }
    return out;
  }

  private static String defaultNamesrvAddr() {
    String v = System.getProperty("rocketmq.namesrv.addr");
    return v != null ? v : System.getenv("NAMESRV_ADDR");
  }

  private static String defaultBrokerName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      return NameRules.topicProblem(host).isEmpty() ? host : "DEFAULT_BROKER";
    } catch (UnknownHostException e) {
      return "DEFAULT_BROKER";
    }
  }
}
