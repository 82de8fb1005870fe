package io.apogeemq.broker.ha;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.HaConfig;
import io.apogeemq.broker.config.HaConfig.BrokerRole;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.pull.PullRole;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.PutStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Master/slave replication of one broker (storage.md §15–16), as one {@link BrokerComponent}:
 *
 * <ul>
 *   <li>a master runs {@link HaMaster} on {@code haListenPort} and, as SYNC_MASTER, makes sends
 *       wait for a slave's acknowledgement ({@link ReplicatingStore}, {@link ReplicaWaiters});
 *   <li>a slave runs {@link HaSlave} towards the master's HA address and copies the master's
 *       metadata every {@code slaveSyncMetadataInterval} ({@link SlaveMetadataSync}); it refuses
 *       sends and serves pulls without committing their offsets ({@link HaPullRole}).
 * </ul>
 *
 * <p>The master's addresses come from the NameServer's register answer
 * ({@link #learnedFromNameServer}) unless {@code haMasterAddress} fixes the HA one.
 *
 * <p>Thread-safe. Threads: {@code apogee-ha-master} or {@code apogee-ha-slave} (event loops) and,
 * on a slave, {@code apogee-ha-metadata}; all stopped by {@link #shutdown()}.
 */
public final class HaService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(HaService.class);

  private final BrokerConfig config;
  private final HaConfig ha;
  private final MessageStore rawStore;
  private final ReplicatingStore store;
  private final Clock clock;
  private final ReplicaWaiters waiters = new ReplicaWaiters(System::nanoTime);
  private volatile HaMaster master;
  private volatile HaSlave slave;
  private volatile int haPort = -1;
  private volatile String learnedHaAddress;
  private volatile String learnedMasterAddress;
  private volatile long lastMetadataSyncMillis;
  private volatile String metadataProblem;
  private TopicConfigRegistry topics;
  private ConsumerOffsetTable offsets;
  private SubscriptionGroupRegistry groups;
  private ScheduledThreadPoolExecutor metadataScheduler;
  private RemotingClient metadataClient;

  public HaService(BrokerConfig config, MessageStore store, Clock clock) {
    this.config = config;
    this.ha = config.ha();
    this.rawStore = store;
    this.clock = clock;
    this.store = new ReplicatingStore(store, ha.brokerRole(), config.brokerName(),
        new ReplicatingStore.ReplicaGate() {
          @Override
          public void appended() {
            HaMaster m = master;
            if (m != null) {
              m.dataAppended();
            }
          }

          @Override
          public CompletableFuture<PutStatus> replicated(long endOffset) {
            return waitForSlave(endOffset);
          }
        });
  }

  /** The store the broker's features use: role checks and replication waits included. */
  public MessageStore store() {
    return store;
  }

  /** What this role changes in answering pulls. */
  public PullRole pullRole() {
    return new HaPullRole(!ha.brokerRole().isMaster(), ha.slaveReadEnable(), rawStore,
        HaPullRole.inMemoryBytes(ha.accessMessageInMemoryMaxRatio()));
  }

  /** The metadata a slave copies from its master; call before {@link #start}. */
  public void metadata(TopicConfigRegistry topics, ConsumerOffsetTable offsets,
      SubscriptionGroupRegistry groups) {
    this.topics = topics;
    this.offsets = offsets;
    this.groups = groups;
  }

  @Override
  public String name() {
    return "ha";
  }

  @Override
  public void start(BrokerEndpoint endpoint) {
    if (ha.brokerRole().isMaster()) {
      HaMaster m = new HaMaster(ha, rawStore, clock, waiters);
      haPort = m.start(config.bindAddress(), ha.effectiveHaListenPort(config.listenPort()));
      master = m;
      return;
    }
    haPort = ha.effectiveHaListenPort(config.listenPort());
    HaSlave s = new HaSlave(ha, rawStore, clock, this::masterHaAddress);
    s.start();
    slave = s;
    if (topics != null) {
      metadataClient = new RemotingClient("ha-metadata", RemotingClientConfig.defaults(), null);
      metadataClient.start();
      SlaveMetadataSync sync = new SlaveMetadataSync(metadataClient, topics, offsets, groups,
          Math.max(3000, ha.slaveSyncMetadataInterval()));
      ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1,
          new NamedThreadFactory("apogee-ha-metadata"));
      ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      ex.scheduleWithFixedDelay(() -> syncMetadata(sync), 0, ha.slaveSyncMetadataInterval(),
          TimeUnit.MILLISECONDS);
      metadataScheduler = ex;
    }
    LOG.info("Broker {} (id {}) is a SLAVE; master HA address {}", config.brokerName(),
        config.brokerId(), ha.haMasterAddress() != null ? ha.haMasterAddress()
            : "learned from the NameServer");
  }

  private void syncMetadata(SlaveMetadataSync sync) {
    String addr = learnedMasterAddress;
    if (addr == null) {
      return;
    }
    try {
      sync.syncOnce(addr);
      lastMetadataSyncMillis = clock.millis();
      if (metadataProblem != null) {
        LOG.info("Metadata copy from master {} works again", addr);
      }
      metadataProblem = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (metadataProblem == null) {
        LOG.warn("Cannot copy metadata from master {}: {}", addr, e.getMessage());
      }
      metadataProblem = e.getMessage();
    }
  }

  private String masterHaAddress() {
    return ha.haMasterAddress() != null ? ha.haMasterAddress() : learnedHaAddress;
  }

  private CompletableFuture<PutStatus> waitForSlave(long endOffset) {
    HaMaster m = master;
    if (m == null || m.connectedSlaves() == 0) {
      return CompletableFuture.completedFuture(PutStatus.SLAVE_NOT_AVAILABLE);
    }
    if (rawStore.commitLogMaxOffset() - m.bestAckOffset() >= ha.haMaxGapNotInSync()) {
      return CompletableFuture.completedFuture(PutStatus.SLAVE_NOT_AVAILABLE);
    }
    return waiters.await(endOffset, ha.slaveTimeout());
  }

  /** {@code brokerIP2:haPort}, what this broker registers as its HA address. */
  public String haServerAddress() {
    int port = haPort;
    return ha.brokerIP2() + ":" + (port < 0 ? 0 : port);
  }

  /**
   * The NameServer answered a registration: for a slave it carries the master's HA address and
   * remoting address (either may be null when the master is not registered).
   */
  public void learnedFromNameServer(String haServerAddr, String masterAddr) {
    if (ha.brokerRole().isMaster()) {
      return;
    }
    if (haServerAddr != null && !haServerAddr.isBlank()
        && !haServerAddr.equals(learnedHaAddress)) {
      LOG.info("Master HA address of {} is {}", config.brokerName(), haServerAddr);
      learnedHaAddress = haServerAddr;
    }
    if (masterAddr != null && !masterAddr.isBlank()) {
      learnedMasterAddress = masterAddr;
    }
  }

  /** Replication status for {@code GET_BROKER_RUNTIME_INFO}. */
  public Map<String, String> runtimeInfo() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("brokerRole", ha.brokerRole().name());
    HaMaster m = master;
    if (m != null) {
      t.put("haServerAddr", haServerAddress());
      long maxBytes = 0;
      long maxMillis = 0;
      int n = 0;
      for (HaMaster.SlaveStatus s : m.status()) {
        String k = "haSlave." + s.address().replace("/", "") + ".";
        t.put(k + "ackOffset", Long.toString(s.ackOffset()));
        t.put(k + "behindBytes", Long.toString(s.behindBytes()));
        t.put(k + "behindMillis", Long.toString(s.behindMillis()));
        maxBytes = Math.max(maxBytes, s.behindBytes());
        maxMillis = Math.max(maxMillis, s.behindMillis());
        n++;
      }
      t.put("haConnectedSlaves", Integer.toString(n));
      if (n > 0) {
        t.put("haSlaveBehindBytes", Long.toString(maxBytes));
        t.put("haSlaveBehindMillis", Long.toString(maxMillis));
      }
      t.put("haWaitingSends", Integer.toString(waiters.size()));
    }
    HaSlave s = slave;
    if (s != null) {
      String addr = masterHaAddress();
      t.put("haMasterAddress", addr == null ? "" : addr);
      t.put("haMasterConnected", Boolean.toString(s.connected()));
      t.put("haLastReadFromMasterMillisAgo",
          Long.toString(s.lastReadMillis() == 0 ? -1 : clock.millis() - s.lastReadMillis()));
      t.put("haLastMetadataSyncTimestamp", Long.toString(lastMetadataSyncMillis));
    }
    return t;
  }

  @Override
  public void shutdown() {
    HaMaster m = master;
    if (m != null) {
      m.shutdown();
    }
    waiters.close();
    HaSlave s = slave;
    if (s != null) {
      s.shutdown();
    }
    if (metadataScheduler != null) {
      metadataScheduler.shutdownNow();
      try {
        metadataScheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (metadataClient != null) {
      metadataClient.shutdown();
    }
  }
}
