package io.apogeemq.broker.ha;

import io.apogeemq.broker.config.HaConfig;
import io.apogeemq.remoting.netty.Transport;
import io.apogeemq.store.MessageStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's replication server: accepts slave connections on {@code haListenPort} and runs one
 * {@link SlaveLink} per slave on a single owned event-loop thread ({@code apogee-ha-master}).
 * Appends wake it up ({@link #dataAppended()}, coalesced: at most one pending wake-up task); a
 * periodic duty sends heartbeats and closes idle connections. Slave acknowledgements feed
 * {@link ReplicaWaiters}, which completes waiting SYNC_MASTER sends.
 *
 * <p>Thread-safe: {@link #dataAppended()} and the status accessors may be called from any thread.
 */
final class HaMaster implements SlaveLink.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(HaMaster.class);

  /** One slave's replication state, for status reports. */
  record SlaveStatus(String address, long ackOffset, long behindBytes, long behindMillis) {}

  private final HaConfig config;
  private final MessageStore store;
  private final Clock clock;
  private final ReplicaWaiters waiters;
  private final List<SlaveLink> links = new CopyOnWriteArrayList<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private EventLoopGroup group;
  private Channel serverChannel;

  HaMaster(HaConfig config, MessageStore store, Clock clock, ReplicaWaiters waiters) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.waiters = waiters;
  }

  /** Binds the HA port and starts the event loop; returns the bound port. */
  int start(String bindAddress, int port) {
    Transport transport = Transport.select(true);
    group = transport.newGroup(1, "apogee-ha-master");
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(transport.serverChannelClass())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            SlaveLink link = new SlaveLink(store, config.haTransferBatchSize(),
                config.haSendHeartbeatInterval(), config.haHousekeepingInterval(), clock,
                HaMaster.this);
            links.add(link);
            ch.pipeline().addLast(link);
          }
        });
    try {
      serverChannel = b.bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly()
          .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      throw new IllegalStateException("cannot listen for slaves on " + bindAddress + ":" + port
          + ": " + e.getMessage(), e);
    }
    long tick = Math.max(10, Math.min(1000, config.haSendHeartbeatInterval() / 2));
    group.scheduleAtFixedRate(this::housekeeping, tick, tick, TimeUnit.MILLISECONDS);
    long sweep = Math.max(5, Math.min(100, config.slaveTimeout() / 20));
    group.scheduleAtFixedRate(waiters::expire, sweep, sweep, TimeUnit.MILLISECONDS);
    int bound = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    LOG.info("Listening for slaves on {}:{}", bindAddress, bound);
    return bound;
  }

  /** The address the HA listener is bound to (after {@link #start}). */
  InetSocketAddress localAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** New CommitLog data: ship it to every slave soon. */
  void dataAppended() {
    EventLoopGroup g = group;
    if (g == null || links.isEmpty() || !wakeupPending.compareAndSet(false, true)) {
      return;
    }
    try {
      g.execute(() -> {
        wakeupPending.set(false);
        for (SlaveLink link : links) {
          link.pump();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      wakeupPending.set(false);
    }
  }

  private void housekeeping() {
    for (SlaveLink link : links) {
      try {
        link.housekeeping();
      } catch (RuntimeException e) {
        LOG.warn("Replication housekeeping for slave {} failed", link.peer(), e);
      }
    }
  }

  @Override
  public void acknowledged(SlaveLink link, long offset) {
    waiters.acknowledged(offset);
  }

  @Override
  public void closed(SlaveLink link) {
    links.remove(link);
  }

  /** Number of connected slaves that have reported at least once. */
  int connectedSlaves() {
    int n = 0;
    for (SlaveLink l : links) {
      if (l.ackOffset() >= 0) {
        n++;
      }
    }
    return n;
  }

  /** The highest offset any connected slave acknowledged, -1 when none is connected. */
  long bestAckOffset() {
    long best = -1;
    for (SlaveLink l : links) {
      best = Math.max(best, l.ackOffset());
    }
    return best;
  }

  List<SlaveStatus> status() {
    long max = store.commitLogMaxOffset();
    long now = clock.millis();
    List<SlaveStatus> out = new ArrayList<>();
    for (SlaveLink l : links) {
      long ack = l.ackOffset();
      if (ack < 0) {
        continue;
      }
      long behind = Math.max(0, max - ack);
      long millis = behind == 0 ? 0 : Math.max(0, now - l.lastCaughtUpMillis());
      out.add(new SlaveStatus(l.peer(), ack, behind, millis));
    }
    return out;
  }

  void shutdown() {
    if (group == null) {
      return;
    }
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    group = null;
  }
}
