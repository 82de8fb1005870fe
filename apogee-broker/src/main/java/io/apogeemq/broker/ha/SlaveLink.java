package io.apogeemq.broker.ha;

import io.apogeemq.store.MessageStore;
import io.apogeemq.store.file.SegmentSlice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's end of one slave connection: reads the slave's reports ({@link HaWire}) and ships
 * the CommitLog from the offset the slave asked for, in chunks of at most
 * {@code haTransferBatchSize} that never span a segment. Bodies are zero-copy views of the mapped
 * segments, released when Netty has written them. Shipping pauses while the socket is not
 * writable, so a slow slave never makes the master buffer the log in memory.
 *
 * <p>Thread-safety: all state is confined to the connection's event loop except the fields read
 * for status ({@link #ackOffset()}, {@link #lastCaughtUpMillis()}), which are volatile.
 */
final class SlaveLink extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(SlaveLink.class);

  /** What the link tells the master service. */
  interface Listener {
    /** The slave acknowledged everything below {@code offset}. */
    void acknowledged(SlaveLink link, long offset);

    void closed(SlaveLink link);
  }

  private final MessageStore store;
  private final int batchSize;
  private final long heartbeatMillis;
  private final long idleMillis;
  private final Clock clock;
  private final Listener listener;
  private final ByteBuf pending = Unpooled.buffer(64);
  private Channel channel;
  private String peer = "?";
  private long nextTransfer = -1;
  private boolean divergenceLogged;
  private long lastWriteMillis;
  private volatile long lastReadMillis;
  private volatile long ackOffset = -1;
  private volatile long lastCaughtUpMillis;

  SlaveLink(MessageStore store, int batchSize, long heartbeatMillis, long idleMillis, Clock clock,
      Listener listener) {
    this.store = store;
    this.batchSize = batchSize;
    this.heartbeatMillis = heartbeatMillis;
    this.idleMillis = idleMillis;
    this.clock = clock;
    this.listener = listener;
  }

  String peer() {
    return peer;
  }

  /** Highest offset the slave reported having, -1 before its first report. */
  long ackOffset() {
    return ackOffset;
  }

  /** When the slave last had everything the master had (ms), 0 if never. */
  long lastCaughtUpMillis() {
    return lastCaughtUpMillis;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    peer = String.valueOf(channel.remoteAddress());
    lastReadMillis = clock.millis();
    lastWriteMillis = lastReadMillis;
    lastCaughtUpMillis = lastReadMillis;
    LOG.info("Slave {} connected for replication", peer);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      pending.writeBytes(in);
    } finally {
      in.release();
    }
    long report = HaWire.readLastReport(pending);
    pending.discardReadBytes();
    lastReadMillis = clock.millis();
    if (report < 0) {
      return;
    }
    if (nextTransfer < 0) {
      if (!startAt(report)) {
        return;
      }
    }
    ackOffset = report;
    if (report >= store.commitLogMaxOffset()) {
      lastCaughtUpMillis = lastReadMillis;
    }
    listener.acknowledged(this, report);
    pump();
  }

  private boolean startAt(long report) {
    long max = store.commitLogMaxOffset();
    long min = store.commitLogMinOffset();
    if (report > max) {
      // The slave's log is longer than this one (e.g. this master lost its unflushed tail in a
      // crash, or was restored from an older copy): tell it where this log ends with a heartbeat
      // at that offset; the slave cuts its log back there and reports again.
      if (!divergenceLogged) {
        LOG.warn("Slave {} has CommitLog up to offset {} but this master only up to {}: the logs "
            + "diverged; asking the slave to cut its log back to {}", peer, report, max, max);
        divergenceLogged = true;
      }
      ByteBuf header = channel.alloc().ioBuffer(HaWire.TRANSFER_HEADER_SIZE);
      HaWire.writeTransferHeader(header, max, 0);
      channel.writeAndFlush(header, channel.voidPromise());
      return false;
    }
    long start = report == 0 ? min : report;
    if (start < min) {
      LOG.error("Slave {} needs offset {} but this master's CommitLog starts at {}; not "
          + "replicating to it", peer, start, min);
      channel.close();
      return false;
    }
    nextTransfer = start;
    LOG.info("Replicating to slave {} from offset {} (master at {})", peer, start, max);
    return true;
  }

  /** Ships what the slave does not have yet, as far as the socket takes it. Event loop only. */
  void pump() {
    Channel ch = channel;
    if (ch == null || nextTransfer < 0 || !ch.isActive()) {
      return;
    }
    long max = store.commitLogMaxOffset();
    boolean wrote = false;
    while (ch.isWritable() && nextTransfer < max) {
      SegmentSlice slice = store.readCommitLog(nextTransfer, batchSize);
      if (slice == null) {
        if (nextTransfer < store.commitLogMinOffset()) {
          LOG.error("Slave {} fell behind the oldest CommitLog segment (needs {}, oldest {}); "
              + "closing its connection", peer, nextTransfer, store.commitLogMinOffset());
          ch.close();
        }
        break;
      }
      int n = slice.buffer().remaining();
      ByteBuf header = ch.alloc().ioBuffer(HaWire.TRANSFER_HEADER_SIZE);
      HaWire.writeTransferHeader(header, nextTransfer, n);
      ch.write(header, ch.voidPromise());
      ch.write(Unpooled.wrappedBuffer(slice.buffer())).addListener(f -> slice.close());
      nextTransfer += n;
      wrote = true;
    }
    long now = clock.millis();
    if (wrote) {
      ch.flush();
      lastWriteMillis = now;
    } else if (now - lastWriteMillis >= heartbeatMillis) {
      ByteBuf header = ch.alloc().ioBuffer(HaWire.TRANSFER_HEADER_SIZE);
      HaWire.writeTransferHeader(header, nextTransfer, 0);
      ch.writeAndFlush(header, ch.voidPromise());
      lastWriteMillis = now;
    }
  }

  /** Periodic duty: heartbeat, idle check, and a pump in case a wake-up was missed. */
  void housekeeping() {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    if (clock.millis() - lastReadMillis > idleMillis) {
      LOG.warn("Slave {} sent nothing for {} ms; closing its connection", peer, idleMillis);
      ch.close();
      return;
    }
    pump();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      pump();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    pending.release();
    LOG.info("Slave {} disconnected (acknowledged up to offset {})", peer, ackOffset);
    listener.closed(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("Replication connection to slave {} failed: {}", peer, cause.toString());
    ctx.close();
  }
}
