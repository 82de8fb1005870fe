package io.apogeemq.remoting.invoke;

import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.exception.RemotingSendException;
import io.apogeemq.remoting.exception.RemotingTimeoutException;
import io.apogeemq.remoting.exception.RemotingTooMuchRequestException;
import io.apogeemq.remoting.netty.PeerAddress;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests on a channel and waits for their responses: sync, async and oneway. Used by the
 * client for its connections and by the server for requests to connected clients.
 *
 * <p>Every request gets a fresh opaque from {@link PendingRequests}. Async requests are bounded by
 * a semaphore of {@code maxOutstandingAsync} permits and oneway requests by one of
 * {@code maxOutstandingOneway} (held until written); when none is free the call fails at once with
 * {@link RemotingTooMuchRequestException}. Async futures complete on the channel's I/O thread:
 * continue with {@code thenXxxAsync(..., executor)} for anything slow.
 *
 * <p>Thread-safe.
 */
public final class ChannelInvoker {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelInvoker.class);

  private final PendingRequests pending;
  private final HookChain hooks;
  private final Semaphore asyncPermits;
  private final Semaphore onewayPermits;

  public ChannelInvoker(PendingRequests pending, HookChain hooks, int maxOutstandingAsync,
      int maxOutstandingOneway) {
    this.pending = pending;
    this.hooks = hooks;
    this.asyncPermits = new Semaphore(maxOutstandingAsync);
    this.onewayPermits = new Semaphore(maxOutstandingOneway);
  }

  /** Called by the inbound handler for every received response. */
  public void onResponse(Channel channel, RemotingCommand response) {
    pending.onResponse(channel, response, hooks.isEmpty() ? NO_OBSERVER
        : (request, resp) -> hooks.afterResponse(PeerAddress.of(channel), request, resp));
  }

  private static final PendingRequests.ResponseObserver NO_OBSERVER = (request, response) -> { };

  /** Sends {@code request} and completes the future with its response or a RemotingException. */
  public CompletableFuture<RemotingCommand> invokeAsync(Channel channel, RemotingCommand request,
      long timeoutMillis) {
    if (!asyncPermits.tryAcquire()) {
      return CompletableFuture.failedFuture(new RemotingTooMuchRequestException(
          "too many outstanding async requests (" + asyncPermits.availablePermits()
              + " permits left); request code " + request.code() + " to "
              + PeerAddress.of(channel) + " not sent"));
    }
    PendingRequest call;
    try {
      call = send(channel, request, timeoutMillis, asyncPermits);
    } catch (RemotingException e) {
      asyncPermits.release();
      return CompletableFuture.failedFuture(e);
    }
    return call;
  }

  /**
   * Sends {@code request} and waits up to {@code timeoutMillis} for its response. Must not be called
   * on an I/O thread.
   */
  public RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
      throws RemotingException, InterruptedException {
    if (channel.eventLoop().inEventLoop()) {
      throw new IllegalStateException("invokeSync on an I/O thread would block it");
    }
    PendingRequest call = send(channel, request, timeoutMillis, null);
    try {
      return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (pending.remove(call)) {
        call.fail(new RemotingTimeoutException("timed out"));
      }
      throw new RemotingTimeoutException("no response to request code " + request.code()
          + " opaque " + call.opaque + " from " + PeerAddress.of(channel) + " within "
          + timeoutMillis + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RemotingException remoting) {
        throw remoting;
      }
      throw new RemotingSendException("request code " + request.code() + " to "
          + PeerAddress.of(channel) + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      if (pending.remove(call)) {
        call.fail(e);
      }
      throw e;
    }
  }

  /** Sends {@code request} with the oneway flag; no response is expected. */
  public void invokeOneway(Channel channel, RemotingCommand request) throws RemotingException {
    if (!onewayPermits.tryAcquire()) {
      throw new RemotingTooMuchRequestException("too many outstanding oneway requests; request code "
          + request.code() + " to " + PeerAddress.of(channel) + " not sent");
    }
    try {
      prepare(channel, request);
    } catch (RemotingException e) {
      onewayPermits.release();
      throw e;
    }
    request.oneway(true);
    channel.writeAndFlush(request).addListener((ChannelFutureListener) future -> {
      onewayPermits.release();
      if (!future.isSuccess()) {
        LOG.warn("cannot send oneway request code {} to {}: {}", request.code(),
            PeerAddress.of(future.channel()), String.valueOf(future.cause()));
      }
    });
  }

  private PendingRequest send(Channel channel, RemotingCommand request, long timeoutMillis,
      Semaphore permit) throws RemotingException {
    prepare(channel, request);
    request.oneway(false);
    PendingRequest call = new PendingRequest(pending, channel, request, timeoutMillis, permit);
    pending.add(call);
    if (permit == null) {
      channel.writeAndFlush(request).addListener(call);
      return call;
    }
    // An async request needs a timeout task and a write on the I/O thread: hand both over in ONE
    // task (scheduling and writing from another thread would queue a task for each).
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      writeWithTimeout(channel, call);
    } else {
      try {
        loop.execute(() -> writeWithTimeout(channel, call));
      } catch (RejectedExecutionException e) {
        if (pending.remove(call)) {
          call.fail(new RemotingSendException("I/O thread of " + PeerAddress.of(channel)
              + " is shut down; request code " + request.code() + " not sent", e));
        }
      }
    }
    return call;
  }

  /** On the channel's I/O thread: starts the timeout of {@code call}, then writes its request. */
  private static void writeWithTimeout(Channel channel, PendingRequest call) {
    if (call.isDone()) {
      return; // failed meanwhile (connection closed): nothing to send or time out
    }
    call.timeoutTask(channel.eventLoop().schedule(call, call.timeoutMillis,
        TimeUnit.MILLISECONDS));
    channel.writeAndFlush(call.request).addListener(call);
  }

  private void prepare(Channel channel, RemotingCommand request) throws RemotingException {
    if (!channel.isActive()) {
      throw new RemotingSendException("connection to " + PeerAddress.of(channel)
          + " is closed; request code " + request.code() + " not sent", null);
    }
    request.opaque(pending.nextOpaque());
    request.flag(request.flag() & ~RemotingCommand.FLAG_RESPONSE);
    if (!hooks.isEmpty()) {
      try {
        hooks.beforeRequest(PeerAddress.of(channel), request);
      } catch (Exception e) {
        throw new RemotingSendException("hook refused request code " + request.code() + " to "
            + PeerAddress.of(channel) + ": " + e, e);
      }
    }
  }
}
