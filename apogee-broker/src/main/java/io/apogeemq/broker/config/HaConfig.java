package io.apogeemq.broker.config;

import java.util.Locale;
import java.util.Properties;

/**
 * The master/slave replication keys of {@code broker.conf} (config.md §2.2, storage.md §15–16).
 *
 * @param brokerRole {@code ASYNC_MASTER} (default), {@code SYNC_MASTER} or {@code SLAVE}
 * @param haListenPort port the master accepts slave connections on; {@code -1} (the default when
 *     the key is absent) = {@code listenPort + 1}, or a free port when {@code listenPort} is 0;
 *     {@code 0} = a free port
 * @param haMasterAddress fixed {@code host:port} of the master's HA port for a slave; null = learn
 *     it from the NameServer's register answer ({@code haServerAddr})
 * @param brokerIP2 address advertised for the HA port ({@code brokerIP2:haListenPort}); defaults
 *     to {@code brokerIP1}
 * @param haSendHeartbeatInterval slave report / master heartbeat period (ms)
 * @param haHousekeepingInterval a connection on which nothing was read for this long is closed (ms)
 * @param haTransferBatchSize largest body of one transfer frame (bytes)
 * @param haMaxGapNotInSync a SYNC_MASTER answers {@code SLAVE_NOT_AVAILABLE} when its slave is
 *     this many bytes behind or more (also read as {@code haSlaveFallbehindMax})
 * @param slaveTimeout how long a SYNC_MASTER send waits for the slave's ack before
 *     {@code FLUSH_SLAVE_TIMEOUT} (ms); defaults to {@code syncFlushTimeout}
 * @param haReconnectInterval (Apogee) pause between a slave's connection attempts (ms)
 * @param slaveSyncMetadataInterval (Apogee) period of the slave's metadata copy (ms)
 * @param slaveReadEnable let the master steer consumers of cold data to slave 1
 * @param accessMessageInMemoryMaxRatio percentage of physical RAM assumed to be page cache; data
 *     further behind the CommitLog end than that is "cold"
 */
public record HaConfig(
    BrokerRole brokerRole,
    int haListenPort,
    String haMasterAddress,
    String brokerIP2,
    int haSendHeartbeatInterval,
    int haHousekeepingInterval,
    int haTransferBatchSize,
    long haMaxGapNotInSync,
    long slaveTimeout,
    int haReconnectInterval,
    int slaveSyncMetadataInterval,
    boolean slaveReadEnable,
    int accessMessageInMemoryMaxRatio) {

  /** What a broker of a group does. */
  public enum BrokerRole {
    ASYNC_MASTER, SYNC_MASTER, SLAVE;

    public boolean isMaster() {
      return this != SLAVE;
    }
  }

  public HaConfig {
    if (brokerIP2 == null || brokerIP2.isBlank()) {
      throw new ConfigException("broker config key 'brokerIP2' must not be empty");
    }
    if (haMasterAddress != null && !isHostPort(haMasterAddress)) {
      throw new ConfigException("broker config key 'haMasterAddress': '" + haMasterAddress
          + "' is not host:port");
    }
  }

  /**
   * Reads the keys. {@code brokerIP1} is the default of {@code brokerIP2};
   * {@code syncFlushTimeout} the default of {@code slaveTimeout}.
   */
  static HaConfig read(PropertyReader r, String brokerIP1, long syncFlushTimeout) {
    String role = r.string("brokerRole", "ASYNC_MASTER");
    BrokerRole brokerRole;
    try {
      brokerRole = BrokerRole.valueOf(role.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("broker config key 'brokerRole': '" + role
          + "' is not ASYNC_MASTER, SYNC_MASTER or SLAVE");
    }
    String master = r.string("haMasterAddress", (String) null);
    long legacyGap = r.longValue("haSlaveFallbehindMax", 256L * 1024 * 1024, 1, Long.MAX_VALUE);
    return new HaConfig(
        brokerRole,
        r.integer("haListenPort", -1, -1, 65535),
        master,
        r.string("brokerIP2", brokerIP1),
        r.integer("haSendHeartbeatInterval", 5000, 1, Integer.MAX_VALUE),
        r.integer("haHousekeepingInterval", 20_000, 1, Integer.MAX_VALUE),
        r.integer("haTransferBatchSize", 32 * 1024, 1024, 64 * 1024 * 1024),
        r.longValue("haMaxGapNotInSync", legacyGap, 1, Long.MAX_VALUE),
        r.longValue("slaveTimeout", syncFlushTimeout, 1, Integer.MAX_VALUE),
        r.integer("haReconnectInterval", 5000, 1, Integer.MAX_VALUE),
        r.integer("slaveSyncMetadataInterval", 10_000, 100, Integer.MAX_VALUE),
        r.bool("slaveReadEnable", false),
        r.integer("accessMessageInMemoryMaxRatio", 40, 0, 100));
  }

  /** The HA port actually to bind, given the bound remoting port's configured value. */
  public int effectiveHaListenPort(int listenPort) {
    if (haListenPort >= 0) {
      return haListenPort;
    }
    return listenPort == 0 ? 0 : listenPort + 1;
  }

  void writeTo(Properties p) {
    p.setProperty("brokerRole", brokerRole.name());
    p.setProperty("haListenPort", Integer.toString(haListenPort));
    if (haMasterAddress != null) {
      p.setProperty("haMasterAddress", haMasterAddress);
    }
    p.setProperty("brokerIP2", brokerIP2);
    p.setProperty("haSendHeartbeatInterval", Integer.toString(haSendHeartbeatInterval));
    p.setProperty("haHousekeepingInterval", Integer.toString(haHousekeepingInterval));
    p.setProperty("haTransferBatchSize", Integer.toString(haTransferBatchSize));
    p.setProperty("haMaxGapNotInSync", Long.toString(haMaxGapNotInSync));
    p.setProperty("haSlaveFallbehindMax", Long.toString(haMaxGapNotInSync));
    p.setProperty("slaveTimeout", Long.toString(slaveTimeout));
    p.setProperty("haReconnectInterval", Integer.toString(haReconnectInterval));
    p.setProperty("slaveSyncMetadataInterval", Integer.toString(slaveSyncMetadataInterval));
    p.setProperty("slaveReadEnable", Boolean.toString(slaveReadEnable));
    p.setProperty("accessMessageInMemoryMaxRatio",
        Integer.toString(accessMessageInMemoryMaxRatio));
  }

  private static boolean isHostPort(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      return false;
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      return port > 0 && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
