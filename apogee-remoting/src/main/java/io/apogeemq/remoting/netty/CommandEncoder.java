package io.apogeemq.remoting.netty;

import io.apogeemq.remoting.codec.FrameCodec;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.util.concurrent.PromiseCombiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link RemotingCommand}s as frames ({@link FrameCodec}). A {@code byte[]} body is copied
 * into the pooled frame buffer together with the header; a {@code ByteBuf} body is appended as a
 * component of a composite buffer and never copied; a {@link FileRegion} body is written right after
 * the header (by {@code sendfile} on transports that support it). A command that cannot be encoded fails its
 * write promise and its body buffer is released.
 *
 * <p>Stateless and {@link Sharable}.
 */
@Sharable
public final class CommandEncoder extends ChannelOutboundHandlerAdapter {

  public static final CommandEncoder INSTANCE = new CommandEncoder();

  private static final Logger LOG = LoggerFactory.getLogger(CommandEncoder.class);

  private CommandEncoder() {}

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof RemotingCommand command)) {
      ctx.write(msg, promise);
      return;
    }
    ByteBuf bodyBuffer = command.bodyBuffer();
    FileRegion bodyRegion = command.bodyRegion();
    ByteBuf frame;
    try {
      frame = FrameCodec.encode(command, ctx.alloc());
    } catch (RuntimeException e) {
      command.releaseBody();
      LOG.warn("cannot encode {} for {}: {}", command, PeerAddress.of(ctx.channel()), e.getMessage());
      promise.setFailure(e);
      return;
    }
    if (bodyRegion != null) {
      PromiseCombiner both = new PromiseCombiner(ctx.executor());
      both.add(ctx.write(frame));
      both.add(ctx.write(bodyRegion));
      both.finish(promise);
    } else if (bodyBuffer == null) {
      ctx.write(frame, promise);
    } else {
      CompositeByteBuf composite = ctx.alloc().compositeDirectBuffer(2);
      composite.addComponents(true, frame, bodyBuffer);
      ctx.write(composite, promise);
    }
  }
}
