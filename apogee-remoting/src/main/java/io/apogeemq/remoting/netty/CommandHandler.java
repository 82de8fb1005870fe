package io.apogeemq.remoting.netty;

import io.apogeemq.remoting.dispatch.RequestDispatcher;
import io.apogeemq.remoting.invoke.ChannelInvoker;
import io.apogeemq.remoting.invoke.PendingRequests;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of every connection: responses go to the waiting requests, requests to
 * the dispatcher; connection events go to {@link ChannelEvents}; an idle or failing connection is
 * closed, and closing fails the requests still waiting on it.
 *
 * <p>{@link Sharable}: one instance per endpoint; state lives in its thread-safe collaborators.
 */
@Sharable
public final class CommandHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

  private final RequestDispatcher dispatcher;
  private final ChannelInvoker invoker;
  private final PendingRequests pending;
  private final ChannelEvents events;
  private final boolean pauseReadsWhileUnwritable;

  /**
   * @param pauseReadsWhileUnwritable stop reading a connection while its outbound buffer is above
   *     the high water mark (server side: a peer that sends requests but does not read responses
   *     cannot make the server buffer without bound)
   */
  public CommandHandler(RequestDispatcher dispatcher, ChannelInvoker invoker,
      PendingRequests pending, ChannelEvents events, boolean pauseReadsWhileUnwritable) {
    this.dispatcher = dispatcher;
    this.invoker = invoker;
    this.pending = pending;
    this.events = events;
    this.pauseReadsWhileUnwritable = pauseReadsWhileUnwritable;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (pauseReadsWhileUnwritable) {
      boolean writable = ctx.channel().isWritable();
      if (!writable) {
        LOG.debug("connection {} does not read its responses; pausing reads",
            PeerAddress.of(ctx.channel()));
      }
      ctx.channel().config().setAutoRead(writable);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RemotingCommand command) {
      if (command.isResponse()) {
        invoker.onResponse(ctx.channel(), command);
      } else {
        dispatcher.dispatch(ctx.channel(), command);
      }
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    LOG.debug("connection {} open", PeerAddress.of(ctx.channel()));
    events.connected(ctx.channel());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    LOG.debug("connection {} closed", PeerAddress.of(ctx.channel()));
    pending.failChannel(ctx.channel());
    events.closed(ctx.channel());
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
      LOG.info("closing idle connection {}", PeerAddress.of(ctx.channel()));
      events.idle(ctx.channel());
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("connection {} failed: {}", PeerAddress.of(ctx.channel()), cause.toString());
    } else {
      LOG.warn("closing connection {} after an unexpected error", PeerAddress.of(ctx.channel()),
          cause);
    }
    events.exception(ctx.channel(), cause);
    ctx.close();
  }
}
