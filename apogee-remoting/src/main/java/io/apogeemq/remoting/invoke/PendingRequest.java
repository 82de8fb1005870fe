package io.apogeemq.remoting.invoke;

import io.apogeemq.remoting.exception.RemotingSendException;
import io.apogeemq.remoting.exception.RemotingTimeoutException;
import io.apogeemq.remoting.netty.PeerAddress;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledFuture;

/**
 * A request waiting for its response. Whoever removes it from {@link PendingRequests} (response,
 * timeout, write failure, closed connection) completes it, so it completes exactly once; completion
 * cancels the timeout task and returns the outstanding-request permit.
 *
 * <p>It is its own write listener and timeout task to keep the hot path at one allocation.
 */
final class PendingRequest extends CompletableFuture<RemotingCommand>
    implements ChannelFutureListener, Runnable {

  final int opaque;
  final Channel channel;
  final RemotingCommand request;
  final long timeoutMillis;
  private final PendingRequests table;
  private final Semaphore permit;
  private volatile ScheduledFuture<?> timeoutTask;

  PendingRequest(PendingRequests table, Channel channel, RemotingCommand request,
      long timeoutMillis, Semaphore permit) {
    this.table = table;
    this.channel = channel;
    this.request = request;
    this.opaque = request.opaque();
    this.timeoutMillis = timeoutMillis;
    this.permit = permit;
  }

  void timeoutTask(ScheduledFuture<?> task) {
    this.timeoutTask = task;
  }

  void succeed(RemotingCommand response) {
    cleanUp();
    complete(response);
  }

  void fail(Throwable cause) {
    cleanUp();
    completeExceptionally(cause);
  }

  private void cleanUp() {
    ScheduledFuture<?> task = timeoutTask;
    if (task != null) {
      task.cancel(false);
    }
    if (permit != null) {
      permit.release();
    }
  }

  /** The write finished; a failed write fails the request at once. */
  @Override
  public void operationComplete(ChannelFuture future) {
    if (!future.isSuccess() && table.remove(this)) {
      fail(new RemotingSendException("cannot send request code " + request.code() + " to "
          + PeerAddress.of(channel) + ": " + future.cause(), future.cause()));
    }
  }

  /** The timeout expired. */
  @Override
  public void run() {
    if (table.remove(this)) {
      fail(new RemotingTimeoutException("no response to request code " + request.code()
          + " opaque " + opaque + " from " + PeerAddress.of(channel) + " within "
          + timeoutMillis + " ms"));
    }
  }
}
