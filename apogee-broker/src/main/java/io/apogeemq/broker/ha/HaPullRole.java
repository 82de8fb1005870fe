package io.apogeemq.broker.ha;

import io.apogeemq.broker.pull.PullRole;
import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.file.SegmentSlice;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The pull side of a replication role (storage.md §14, §16). With {@code slaveReadEnable} a read
 * is "cold" when the last message returned lies further behind the CommitLog end than the share
 * of physical RAM assumed to be page cache ({@code accessMessageInMemoryMaxRatio}); cold reads
 * are steered to the group's {@code whichBrokerWhenConsumeSlowly} (default 1), the others to the
 * group's {@code brokerId} (default 0). Without it every answer suggests the master (0).
 *
 * <p>Immutable and thread-safe.
 */
final class HaPullRole implements PullRole {

  private final boolean slave;
  private final boolean slaveReadEnable;
  private final MessageStore store;
  private final long inMemoryBytes;

  HaPullRole(boolean slave, boolean slaveReadEnable, MessageStore store, long inMemoryBytes) {
    this.slave = slave;
    this.slaveReadEnable = slaveReadEnable;
    this.store = store;
    this.inMemoryBytes = inMemoryBytes;
  }

  /** {@code ratioPercent} of this machine's physical memory, in bytes. */
  static long inMemoryBytes(int ratioPercent) {
    long total;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      total = os.getTotalMemorySize();
    } else {
      total = Runtime.getRuntime().maxMemory();
    }
    return total / 100 * ratioPercent;
  }

  @Override
  public boolean slave() {
    return slave;
  }

  @Override
  public long suggestBrokerId(GetResult result, SubscriptionGroupConfig group) {
    if (!slaveReadEnable) {
      return 0;
    }
    return cold(result) ? group.whichBrokerWhenConsumeSlowly() : group.brokerId();
  }

  private boolean cold(GetResult result) {
    List<SegmentSlice> messages = result.messages();
    if (messages.isEmpty()) {
      return false;
    }
    long last = messages.get(messages.size() - 1).offset();
    return store.commitLogMaxOffset() - last > inMemoryBytes;
  }
}
