package io.apogeemq.store;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Typed store configuration. Component names are the RocketMQ broker keys (config.md) so a broker
 * configuration file maps onto it one to one ({@link #fromProperties}).
 *
 * @param storePathRootDir root of every store file
 * @param storePathCommitLog CommitLog directory (default {@code <root>/commitlog})
 * @param mappedFileSizeCommitLog CommitLog segment size in bytes
 * @param mappedFileSizeConsumeQueue ConsumeQueue segment size, a multiple of 20
 * @param flushIntervalCommitLog async flush period (ms)
 * @param flushCommitLogLeastPages dirty pages needed for a periodic async flush
 * @param flushCommitLogThoroughInterval async flush regardless of pages after this long (ms)
 * @param syncFlushTimeout SYNC_FLUSH wait before FLUSH_DISK_TIMEOUT (ms)
 * @param flushIntervalConsumeQueue ConsumeQueue/index flush period (ms)
 * @param flushConsumeQueueLeastPages dirty pages needed for a periodic CQ flush
 * @param deleteWhen hours of day (local) at which expired files are deleted, {@code ;}-separated
 * @param fileReservedTime retention in hours
 * @param diskMaxUsedSpaceRatio usage percent that triggers deletion regardless of hour (10..95)
 * @param diskSpaceCleanForciblyRatio usage percent above which files are deleted regardless of age
 * @param diskSpaceWarningLevelRatio usage percent above which appends are refused
 * @param cleanResourceInterval retention check period (ms)
 * @param maxMessageSize largest body accepted; a record may exceed it by 64 KiB
 * @param messageIndexEnable whether to build the key index
 * @param maxHashSlotNum index hash slots per file
 * @param maxIndexNum index entries per file
 * @param checkCRCOnRecover verify body CRCs when recovering the CommitLog
 * @param maxTransferCountOnMessageInMemory per read message limit
 * @param maxTransferBytesOnMessageInMemory per read byte limit
 * @param preallocateCommitLog create the next CommitLog segment in the background
 * @param reserveDiskSpace zero-fill new files so their blocks are reserved (Apogee key)
 */
public record StoreConfig(
    Path storePathRootDir,
    Path storePathCommitLog,
    int mappedFileSizeCommitLog,
    int mappedFileSizeConsumeQueue,
    FlushDiskType flushDiskType,
    int flushIntervalCommitLog,
    int flushCommitLogLeastPages,
    int flushCommitLogThoroughInterval,
    long syncFlushTimeout,
    int flushIntervalConsumeQueue,
    int flushConsumeQueueLeastPages,
    String deleteWhen,
    int fileReservedTime,
    int diskMaxUsedSpaceRatio,
    int diskSpaceCleanForciblyRatio,
    int diskSpaceWarningLevelRatio,
    int cleanResourceInterval,
    int maxMessageSize,
    boolean messageIndexEnable,
    int maxHashSlotNum,
    int maxIndexNum,
    boolean checkCRCOnRecover,
    int maxTransferCountOnMessageInMemory,
    int maxTransferBytesOnMessageInMemory,
    boolean preallocateCommitLog,
    boolean reserveDiskSpace) {

  /** Size of one ConsumeQueue unit. */
  public static final int CQ_UNIT = 20;

  public StoreConfig {
    if (storePathCommitLog == null) {
      storePathCommitLog = storePathRootDir.resolve("commitlog");
    }
    if (mappedFileSizeConsumeQueue % CQ_UNIT != 0) {
      mappedFileSizeConsumeQueue += CQ_UNIT - mappedFileSizeConsumeQueue % CQ_UNIT;
    }
    diskMaxUsedSpaceRatio = Math.max(10, Math.min(95, diskMaxUsedSpaceRatio));
    diskSpaceWarningLevelRatio = Math.max(35, Math.min(90, diskSpaceWarningLevelRatio));
    diskSpaceCleanForciblyRatio = Math.max(30, Math.min(85, diskSpaceCleanForciblyRatio));
    if (mappedFileSizeCommitLog < 4096) {
      throw new IllegalArgumentException("mappedFileSizeCommitLog must be at least 4096, got "
          + mappedFileSizeCommitLog);
    }
  }

  /** RocketMQ defaults under {@code root}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** Builder seeded with this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder(storePathRootDir);
    b.storePathCommitLog = storePathCommitLog;
    b.mappedFileSizeCommitLog = mappedFileSizeCommitLog;
    b.mappedFileSizeConsumeQueue = mappedFileSizeConsumeQueue;
    b.flushDiskType = flushDiskType;
    b.flushIntervalCommitLog = flushIntervalCommitLog;
    b.flushCommitLogLeastPages = flushCommitLogLeastPages;
    b.flushCommitLogThoroughInterval = flushCommitLogThoroughInterval;
    b.syncFlushTimeout = syncFlushTimeout;
    b.flushIntervalConsumeQueue = flushIntervalConsumeQueue;
    b.flushConsumeQueueLeastPages = flushConsumeQueueLeastPages;
    b.deleteWhen = deleteWhen;
    b.fileReservedTime = fileReservedTime;
    b.diskMaxUsedSpaceRatio = diskMaxUsedSpaceRatio;
    b.diskSpaceCleanForciblyRatio = diskSpaceCleanForciblyRatio;
    b.diskSpaceWarningLevelRatio = diskSpaceWarningLevelRatio;
    b.cleanResourceInterval = cleanResourceInterval;
    b.maxMessageSize = maxMessageSize;
    b.messageIndexEnable = messageIndexEnable;
    b.maxHashSlotNum = maxHashSlotNum;
    b.maxIndexNum = maxIndexNum;
    b.checkCRCOnRecover = checkCRCOnRecover;
    b.maxTransferCountOnMessageInMemory = maxTransferCountOnMessageInMemory;
    b.maxTransferBytesOnMessageInMemory = maxTransferBytesOnMessageInMemory;
    b.preallocateCommitLog = preallocateCommitLog;
    b.reserveDiskSpace = reserveDiskSpace;
    return b;
  }

  /**
   * Reads the RocketMQ keys from a broker properties file; unknown keys are ignored, missing keys
   * keep their defaults. The old spelling {@code mapedFileSize*} is accepted.
   */
  public static StoreConfig fromProperties(Properties p) {
    Builder b = builder(Path.of(p.getProperty("storePathRootDir",
        System.getProperty("user.home") + "/store")));
    String cl = p.getProperty("storePathCommitLog");
    if (cl != null) {
      b.storePathCommitLog = Path.of(cl.split(",")[0].trim());
    }
    b.mappedFileSizeCommitLog = intKey(p, b.mappedFileSizeCommitLog, "mappedFileSizeCommitLog",
        "mapedFileSizeCommitLog");
    b.mappedFileSizeConsumeQueue = intKey(p, b.mappedFileSizeConsumeQueue,
        "mappedFileSizeConsumeQueue", "mapedFileSizeConsumeQueue");
    b.flushDiskType = FlushDiskType.valueOf(p.getProperty("flushDiskType",
        b.flushDiskType.name()).trim());
    b.flushIntervalCommitLog = intKey(p, b.flushIntervalCommitLog, "flushIntervalCommitLog");
    b.flushCommitLogLeastPages = intKey(p, b.flushCommitLogLeastPages, "flushCommitLogLeastPages");
    b.flushCommitLogThoroughInterval = intKey(p, b.flushCommitLogThoroughInterval,
        "flushCommitLogThoroughInterval");
    b.syncFlushTimeout = intKey(p, (int) b.syncFlushTimeout, "syncFlushTimeout");
    b.flushIntervalConsumeQueue = intKey(p, b.flushIntervalConsumeQueue,
        "flushIntervalConsumeQueue");
    b.flushConsumeQueueLeastPages = intKey(p, b.flushConsumeQueueLeastPages,
        "flushConsumeQueueLeastPages");
    b.deleteWhen = p.getProperty("deleteWhen", b.deleteWhen).trim();
    b.fileReservedTime = intKey(p, b.fileReservedTime, "fileReservedTime");
    b.diskMaxUsedSpaceRatio = intKey(p, b.diskMaxUsedSpaceRatio, "diskMaxUsedSpaceRatio");
    b.diskSpaceCleanForciblyRatio = intKey(p, b.diskSpaceCleanForciblyRatio,
        "diskSpaceCleanForciblyRatio");
    b.diskSpaceWarningLevelRatio = intKey(p, b.diskSpaceWarningLevelRatio,
        "diskSpaceWarningLevelRatio");
    b.cleanResourceInterval = intKey(p, b.cleanResourceInterval, "cleanResourceInterval");
    b.maxMessageSize = intKey(p, b.maxMessageSize, "maxMessageSize");
    b.messageIndexEnable = Boolean.parseBoolean(p.getProperty("messageIndexEnable",
        String.valueOf(b.messageIndexEnable)).trim());
    b.maxHashSlotNum = intKey(p, b.maxHashSlotNum, "maxHashSlotNum");
    b.maxIndexNum = intKey(p, b.maxIndexNum, "maxIndexNum");
    b.checkCRCOnRecover = Boolean.parseBoolean(p.getProperty("checkCRCOnRecover",
        String.valueOf(b.checkCRCOnRecover)).trim());
    b.maxTransferCountOnMessageInMemory = intKey(p, b.maxTransferCountOnMessageInMemory,
        "maxTransferCountOnMessageInMemory");
    b.maxTransferBytesOnMessageInMemory = intKey(p, b.maxTransferBytesOnMessageInMemory,
        "maxTransferBytesOnMessageInMemory");
    b.reserveDiskSpace = Boolean.parseBoolean(p.getProperty("reserveDiskSpace",
        String.valueOf(b.reserveDiskSpace)).trim());
    return b.build();
  }

  private static int intKey(Properties p, int dflt, String... names) {
    for (String n : names) {
      String v = p.getProperty(n);
      if (v != null) {
        try {
          return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("store config key " + n + " is not an integer: '"
              + v + "'", e);
        }
      }
    }
    return dflt;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Path root;
    private Path storePathCommitLog;
    private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
    private int mappedFileSizeConsumeQueue = 300_000 * CQ_UNIT;
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    private int flushIntervalCommitLog = 500;
    private int flushCommitLogLeastPages = 4;
    private int flushCommitLogThoroughInterval = 10_000;
    private long syncFlushTimeout = 5000;
    private int flushIntervalConsumeQueue = 1000;
    private int flushConsumeQueueLeastPages = 2;
    private String deleteWhen = "04";
    private int fileReservedTime = 72;
    private int diskMaxUsedSpaceRatio = 75;
    private int diskSpaceCleanForciblyRatio = 85;
    private int diskSpaceWarningLevelRatio = 90;
    private int cleanResourceInterval = 10_000;
    private int maxMessageSize = 4 * 1024 * 1024;
    private boolean messageIndexEnable = true;
    private int maxHashSlotNum = 5_000_000;
    private int maxIndexNum = 20_000_000;
    private boolean checkCRCOnRecover = true;
    private int maxTransferCountOnMessageInMemory = 32;
    private int maxTransferBytesOnMessageInMemory = 256 * 1024;
    private boolean preallocateCommitLog = true;
    private boolean reserveDiskSpace;

    private Builder(Path root) {
      this.root = root;
    }

    public Builder storePathCommitLog(Path v) { storePathCommitLog = v; return this; }
    public Builder mappedFileSizeCommitLog(int v) { mappedFileSizeCommitLog = v; return this; }
    public Builder mappedFileSizeConsumeQueue(int v) { mappedFileSizeConsumeQueue = v; return this; }
    public Builder flushDiskType(FlushDiskType v) { flushDiskType = v; return this; }
    public Builder flushIntervalCommitLog(int v) { flushIntervalCommitLog = v; return this; }
    public Builder flushCommitLogLeastPages(int v) { flushCommitLogLeastPages = v; return this; }
    public Builder flushCommitLogThoroughInterval(int v) {
      flushCommitLogThoroughInterval = v;
      return this;
    }
    public Builder syncFlushTimeout(long v) { syncFlushTimeout = v; return this; }
    public Builder flushIntervalConsumeQueue(int v) { flushIntervalConsumeQueue = v; return this; }
    public Builder flushConsumeQueueLeastPages(int v) {
      flushConsumeQueueLeastPages = v;
      return this;
    }
    public Builder deleteWhen(String v) { deleteWhen = v; return this; }
    public Builder fileReservedTime(int v) { fileReservedTime = v; return this; }
    public Builder diskMaxUsedSpaceRatio(int v) { diskMaxUsedSpaceRatio = v; return this; }
    public Builder diskSpaceCleanForciblyRatio(int v) {
      diskSpaceCleanForciblyRatio = v;
      return this;
    }
    public Builder diskSpaceWarningLevelRatio(int v) {
      diskSpaceWarningLevelRatio = v;
      return this;
    }
    public Builder cleanResourceInterval(int v) { cleanResourceInterval = v; return this; }
    public Builder maxMessageSize(int v) { maxMessageSize = v; return this; }
    public Builder messageIndexEnable(boolean v) { messageIndexEnable = v; return this; }
    public Builder maxHashSlotNum(int v) { maxHashSlotNum = v; return this; }
    public Builder maxIndexNum(int v) { maxIndexNum = v; return this; }
    public Builder checkCRCOnRecover(boolean v) { checkCRCOnRecover = v; return this; }
    public Builder maxTransferCountOnMessageInMemory(int v) {
      maxTransferCountOnMessageInMemory = v;
      return this;
    }
    public Builder maxTransferBytesOnMessageInMemory(int v) {
      maxTransferBytesOnMessageInMemory = v;
      return this;
    }
    public Builder preallocateCommitLog(boolean v) { preallocateCommitLog = v; return this; }
    public Builder reserveDiskSpace(boolean v) { reserveDiskSpace = v; return this; }

    public StoreConfig build() {
      return new StoreConfig(root, storePathCommitLog, mappedFileSizeCommitLog,
          mappedFileSizeConsumeQueue, flushDiskType, flushIntervalCommitLog,
          flushCommitLogLeastPages, flushCommitLogThoroughInterval, syncFlushTimeout,
          flushIntervalConsumeQueue, flushConsumeQueueLeastPages, deleteWhen, fileReservedTime,
          diskMaxUsedSpaceRatio, diskSpaceCleanForciblyRatio, diskSpaceWarningLevelRatio,
          cleanResourceInterval, maxMessageSize, messageIndexEnable, maxHashSlotNum, maxIndexNum,
          checkCRCOnRecover, maxTransferCountOnMessageInMemory,
          maxTransferBytesOnMessageInMemory, preallocateCommitLog, reserveDiskSpace);
    }
  }
}
