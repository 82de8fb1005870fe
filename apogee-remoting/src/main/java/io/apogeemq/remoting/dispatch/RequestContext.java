package io.apogeemq.remoting.dispatch;

import io.apogeemq.remoting.netty.PeerAddress;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One received request and the handle to answer it, now or later (a held long-polling pull answers
 * seconds after its processor returned). The response is bound to the request: same opaque and
 * serialization, response flag set, and written on the request's channel. At most one response is
 * written; a oneway request is never answered.
 *
 * <p>Thread-safe: {@link #writeResponse} may be called from any thread, once.
 */
public final class RequestContext {

  private static final Logger LOG = LoggerFactory.getLogger(RequestContext.class);
  private static final AtomicIntegerFieldUpdater<RequestContext> RESPONDED =
      AtomicIntegerFieldUpdater.newUpdater(RequestContext.class, "responded");
  private static final ChannelFutureListener LOG_WRITE_FAILURE = future -> {
    if (!future.isSuccess()) {
      if (future.cause() instanceof java.io.IOException) {
        LOG.debug("cannot write response to {}: {}", PeerAddress.of(future.channel()),
            String.valueOf(future.cause()));
      } else {
        LOG.warn("cannot write response to {}: {}", PeerAddress.of(future.channel()),
            String.valueOf(future.cause()));
      }
    }
  };

  private final Channel channel;
  private final RemotingCommand request;
  private final HookChain hooks;
  private volatile int responded;

  public RequestContext(Channel channel, RemotingCommand request, HookChain hooks) {
    this.channel = channel;
    this.request = request;
    this.hooks = hooks;
  }

  public Channel channel() {
    return channel;
  }

  public RemotingCommand request() {
    return request;
  }

  /** The peer's {@code ip:port}. */
  public String peer() {
    return PeerAddress.of(channel);
  }

  /** Whether a response was already written (or dropped because the request is oneway). */
  public boolean hasResponded() {
    return responded != 0;
  }

  /**
   * Binds {@code response} to the request and writes it. Returns {@code false} (and releases a
   * {@code ByteBuf} body) when nothing was written: the request was oneway, a response was already
   * written, or the connection is gone.
   */
  public boolean writeResponse(RemotingCommand response) {
    if (!RESPONDED.compareAndSet(this, 0, 1)) {
      LOG.warn("second response to request code {} opaque {} from {} dropped", request.code(),
          request.opaque(), peer());
      response.releaseBody();
      return false;
    }
    if (request.isOneway()) {
      response.releaseBody();
      return false;
    }
    response.opaque(request.opaque()).markResponse().oneway(false)
        .serializeType(request.serializeType());
    if (!hooks.isEmpty()) {
      hooks.afterResponse(peer(), request, response);
    }
    if (!channel.isActive()) {
      LOG.debug("connection {} closed before the response to request code {} opaque {}", peer(),
          request.code(), request.opaque());
      response.releaseBody();
      return false;
    }
    channel.writeAndFlush(response).addListener(LOG_WRITE_FAILURE);
    return true;
  }
}
