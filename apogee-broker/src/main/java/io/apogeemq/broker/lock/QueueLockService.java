package io.apogeemq.broker.lock;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orderly consumption support: {@code LOCK_BATCH_MQ} (41) and {@code UNLOCK_BATCH_MQ} (42) over a
 * {@link QueueLockTable}. Locks live in memory only, like the official broker's: after a restart
 * clients simply lock again (their own locks expire after 30 s without a renewal, ours after
 * {@code rebalanceLockMaxLiveTime}). A closed connection releases the locks taken over it.
 *
 * <p>Requests run on the {@code queue-lock} executor (2 threads). Thread-safe.
 */
public final class QueueLockService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(QueueLockService.class);

  private final QueueLockTable table;

  public QueueLockService(QueueLockTable table) {
    this.table = table;
  }

  public QueueLockTable table() {
    return table;
  }

  @Override
  public String name() {
    return "queue-lock";
  }

  @Override
  public void install(RemotingServer server) {
    Executor executor = server.newProcessorExecutor("queue-lock", 2, 10_000);
    server.registerProcessor(RequestCode.LOCK_BATCH_MQ, this::lock, executor);
    server.registerProcessor(RequestCode.UNLOCK_BATCH_MQ, this::unlock, executor);
  }

  RemotingCommand lock(RequestContext context, RemotingCommand request) {
    LockBatchBody body = LockBatchBody.parse(request.body(), "LOCK_BATCH_MQ");
    Set<QueueAddress> locked = table.lock(body.consumerGroup(), body.clientId(),
        context.channel(), body.queues());
    if (locked.size() < body.queues().size() && LOG.isDebugEnabled()) {
      LOG.debug("client {} of group {} got {} of {} queue locks (others held elsewhere)",
          body.clientId(), body.consumerGroup(), locked.size(), body.queues().size());
    }
    return RemotingCommand.response(ResponseCode.SUCCESS, null)
        .body(LockBatchBody.lockedResponse(locked));
  }

  RemotingCommand unlock(RequestContext context, RemotingCommand request) {
    LockBatchBody body = LockBatchBody.parse(request.body(), "UNLOCK_BATCH_MQ");
    table.unlock(body.consumerGroup(), body.clientId(), body.queues());
    return RemotingCommand.response(ResponseCode.SUCCESS, null);
  }

  @Override
  public void channelClosed(Channel channel) {
    int released = table.releaseConnection(channel);
    if (released > 0) {
      LOG.info("connection {} closed: released its {} orderly queue lock(s)",
          channel.remoteAddress(), released);
    }
  }
}
