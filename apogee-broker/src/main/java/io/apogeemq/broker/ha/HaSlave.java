package io.apogeemq.broker.ha;

import io.apogeemq.broker.config.HaConfig;
import io.apogeemq.remoting.netty.Transport;
import io.apogeemq.store.MessageStore;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slave's replication client: connects to the master's HA address (configured
 * {@code haMasterAddress}, or learned from the NameServer), reports its CommitLog end, appends
 * what the master ships verbatim at the same offsets ({@link MessageStore#appendReplicated}; the
 * store's own dispatch then builds the consume queues and the index), and reports again after
 * every read burst. Reconnects every {@code haReconnectInterval} after a failure, and resumes from
 * its own CommitLog end, so either side may restart at any time.
 *
 * <p>Thread-safety: everything runs on one owned event-loop thread ({@code apogee-ha-slave});
 * the status accessors read volatile fields.
 */
final class HaSlave {

  private static final Logger LOG = LoggerFactory.getLogger(HaSlave.class);

  private final HaConfig config;
  private final MessageStore store;
  private final Clock clock;
  private final Supplier<String> masterAddress;
  private EventLoopGroup group;
  private Transport transport;
  private Channel channel;
  private String connectedTo;
  private boolean connecting;
  private long nextAttemptMillis;
  private long lastReportMillis;
  private long lastReported = -1;
  private volatile long lastReadMillis;
  private volatile boolean connected;
  private volatile String currentMaster;

  HaSlave(HaConfig config, MessageStore store, Clock clock, Supplier<String> masterAddress) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.masterAddress = masterAddress;
  }

  void start() {
    transport = Transport.select(true);
    group = transport.newGroup(1, "apogee-ha-slave");
    long tick = Math.max(10, Math.min(Math.min(config.haSendHeartbeatInterval(),
        config.haReconnectInterval()) / 2, 1000));
    group.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
  }

  boolean connected() {
    return connected;
  }

  String master() {
    return currentMaster;
  }

  long lastReadMillis() {
    return lastReadMillis;
  }

  private void tick() {
    try {
      long now = clock.millis();
      String want = masterAddress.get();
      Channel ch = channel;
      if (ch != null) {
        if (want != null && !want.equals(connectedTo)) {
          LOG.info("Master HA address changed from {} to {}; reconnecting", connectedTo, want);
          ch.close();
        } else if (now - lastReadMillis > config.haHousekeepingInterval()) {
          LOG.warn("Master {} sent nothing for {} ms; reconnecting", connectedTo,
              config.haHousekeepingInterval());
          ch.close();
        } else if (now - lastReportMillis >= config.haSendHeartbeatInterval()) {
          report(ch);
        }
        return;
      }
      if (connecting || want == null || now < nextAttemptMillis) {
        return;
      }
      connect(want);
    } catch (RuntimeException e) {
      LOG.warn("Replication client duty failed", e);
    }
  }

  private void connect(String address) {
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    connecting = true;
    Bootstrap b = new Bootstrap()
        .group(group)
        .channel(transport.channelClass())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new MasterLink(address));
          }
        });
    ChannelFuture f = b.connect(host, port);
    f.addListener(done -> {
      connecting = false;
      if (!done.isSuccess()) {
        nextAttemptMillis = clock.millis() + config.haReconnectInterval();
        LOG.info("Cannot connect to master HA address {}: {}; retrying in {} ms", address,
            done.cause() == null ? "?" : done.cause().getMessage(), config.haReconnectInterval());
      }
    });
  }

  private void report(Channel ch) {
    long max = store.commitLogMaxOffset();
    ByteBuf out = ch.alloc().ioBuffer(HaWire.REPORT_SIZE);
    HaWire.writeReport(out, max);
    ch.writeAndFlush(out, ch.voidPromise());
    lastReported = max;
    lastReportMillis = clock.millis();
  }

  /** The pipeline handler of one connection to the master. */
  private final class MasterLink extends ByteToMessageDecoder {

    private final String address;

    MasterLink(String address) {
      this.address = address;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      channel = ctx.channel();
      connectedTo = address;
      currentMaster = address;
      connected = true;
      lastReadMillis = clock.millis();
      LOG.info("Connected to master {} for replication; CommitLog at offset {}", address,
          store.commitLogMaxOffset());
      report(ctx.channel());
      super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      lastReadMillis = clock.millis();
      HaWire.Transfer t;
      while (ctx.channel().isActive()
          && (t = HaWire.readTransfer(in, config.haTransferBatchSize())) != null) {
        try {
          apply(ctx, t);
        } finally {
          t.body().release();
        }
      }
    }

    private void apply(ChannelHandlerContext ctx, HaWire.Transfer t) {
      long mine = store.commitLogMaxOffset();
      if (t.heartbeat() && t.offset() < mine) {
        diverged(ctx, t.offset(), mine);
        return;
      }
      boolean empty = mine == 0;
      if (t.offset() != mine && !empty) {
        LOG.warn("Master {} sent offset {} but this slave's CommitLog ends at {}; reconnecting",
            address, t.offset(), mine);
        ctx.close();
        return;
      }
      if (t.heartbeat()) {
        return;
      }
      if (empty && t.offset() > 0) {
        LOG.info("Empty CommitLog: starting it at offset {}, the oldest the master {} holds",
            t.offset(), address);
      }
      String refused = store.appendReplicated(t.offset(), t.body().nioBuffer());
      if (refused != null) {
        LOG.error("Replicated bytes from master {} at offset {} refused: {}; reconnecting in {} ms",
            address, t.offset(), refused, config.haReconnectInterval());
        ctx.close();
      }
    }

    /**
     * The master's log ends at {@code masterEnd}, before this slave's: cut this log back there
     * (the store checks that it is a record boundary and cuts consume queues and index with it),
     * then report the new end so that the master ships from there. A refusal closes the
     * connection (retried every {@code haReconnectInterval}); the slave then needs a manual
     * resync. Blocks this event loop while the store cuts (a rare event).
     */
    private void diverged(ChannelHandlerContext ctx, long masterEnd, long mine) {
      LOG.warn("Master {} ends at offset {} but this slave's CommitLog ends at {}: the logs "
          + "diverged; cutting this slave's log back to {}", address, masterEnd, mine, masterEnd);
      String refused = store.truncateReplica(masterEnd);
      if (refused != null) {
        LOG.error("Cannot cut this slave's CommitLog back to the master {}'s end {}: {}; not "
            + "replicating (resync this slave by hand: stop it and empty its store)", address,
            masterEnd, refused);
        ctx.close();
        return;
      }
      LOG.info("CommitLog cut back to offset {}; replicating from master {} again", masterEnd,
          address);
      report(ctx.channel());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
      if (ctx.channel().isActive() && store.commitLogMaxOffset() > lastReported) {
        report(ctx.channel());
      }
      super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      channel = null;
      connected = false;
      lastReported = -1;
      nextAttemptMillis = clock.millis() + config.haReconnectInterval();
      LOG.info("Replication connection to master {} closed at offset {}", address,
          store.commitLogMaxOffset());
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("Replication connection to master {} failed: {}", address, cause.toString());
      ctx.close();
    }
  }

  void shutdown() {
    if (group == null) {
      return;
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    group = null;
  }
}
