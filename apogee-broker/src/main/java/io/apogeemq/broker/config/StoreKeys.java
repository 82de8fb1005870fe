package io.apogeemq.broker.config;

import io.apogeemq.store.FlushDiskType;
import io.apogeemq.store.StoreConfig;
import java.util.List;
import java.util.Properties;

/**
 * The {@code broker.conf} keys that configure the store, validated here (so a bad value names its
 * key) and then handed to {@link StoreConfig#fromProperties}.
 */
final class StoreKeys {

  static final List<String> INT_KEYS = List.of("mappedFileSizeCommitLog", "mapedFileSizeCommitLog",
      "mappedFileSizeConsumeQueue", "mapedFileSizeConsumeQueue", "flushIntervalCommitLog",
      "flushCommitLogLeastPages", "flushCommitLogThoroughInterval", "syncFlushTimeout",
      "flushIntervalConsumeQueue", "flushConsumeQueueLeastPages", "fileReservedTime",
      "diskMaxUsedSpaceRatio", "diskSpaceCleanForciblyRatio", "diskSpaceWarningLevelRatio",
      "cleanResourceInterval", "maxHashSlotNum", "maxIndexNum",
      "maxTransferCountOnMessageInMemory", "maxTransferBytesOnMessageInMemory");
  static final List<String> BOOLEAN_KEYS = List.of("messageIndexEnable", "checkCRCOnRecover");
  static final List<String> STRING_KEYS = List.of("storePathCommitLog", "deleteWhen");

  private StoreKeys() {}

  /**
   * Reads and checks the store keys; {@code storePathRootDir} and {@code maxMessageSize} come from
   * the broker config, which reads them too.
   */
  static StoreConfig read(PropertyReader reader, String storePathRootDir, int maxMessageSize) {
    Properties clean = new Properties();
    clean.setProperty("storePathRootDir", storePathRootDir);
    clean.setProperty("maxMessageSize", Integer.toString(maxMessageSize));
    for (String key : INT_KEYS) {
      String v = reader.raw(key);
      if (v != null && !v.isEmpty()) {
        clean.setProperty(key, Integer.toString(reader.integer(key, 0, 0, Integer.MAX_VALUE)));
      }
    }
    for (String key : BOOLEAN_KEYS) {
      String v = reader.raw(key);
      if (v != null && !v.isEmpty()) {
        clean.setProperty(key, Boolean.toString(reader.bool(key, false)));
      }
    }
    for (String key : STRING_KEYS) {
      String v = reader.raw(key);
      if (v != null && !v.isEmpty()) {
        clean.setProperty(key, v);
      }
    }
    String flush = reader.raw("flushDiskType");
    if (flush != null && !flush.isEmpty()) {
      try {
        clean.setProperty("flushDiskType", FlushDiskType.valueOf(flush).name());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("broker config key 'flushDiskType': '" + flush
            + "' is not ASYNC_FLUSH or SYNC_FLUSH");
      }
    }
    try {
      return StoreConfig.fromProperties(clean);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("broker store config rejected: " + e.getMessage(), e);
    }
  }
}
