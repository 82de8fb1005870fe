package io.apogeemq.remoting.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of every connection, server or client side:
 *
 * <pre>
 * flush consolidation - frame decoder - command encoder - idle timer - command handler
 * </pre>
 *
 * Flush consolidation batches the flushes of responses written while a read is in progress (and of
 * writes from other threads) into fewer system calls.
 *
 * <p>Thread-safe: one instance serves every channel of an endpoint; per-channel handlers are
 * created per channel, shared ones ({@link CommandEncoder}, {@link CommandHandler}) are stateless
 * or thread-safe.
 */
public final class PipelineInitializer extends ChannelInitializer<SocketChannel> {

  private final int maxFrameLength;
  private final int idleSeconds;
  private final CommandHandler handler;

  public PipelineInitializer(int maxFrameLength, int idleSeconds, CommandHandler handler) {
    this.maxFrameLength = maxFrameLength;
    this.idleSeconds = idleSeconds;
    this.handler = handler;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("flush", new FlushConsolidationHandler(256, true));
    pipeline.addLast("decoder", new FrameDecoder(maxFrameLength));
    pipeline.addLast("encoder", CommandEncoder.INSTANCE);
    if (idleSeconds > 0) {
      pipeline.addLast("idle", new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
    }
    pipeline.addLast("handler", handler);
  }
}
