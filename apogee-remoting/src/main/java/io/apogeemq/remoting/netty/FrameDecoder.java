package io.apogeemq.remoting.netty;

import io.apogeemq.remoting.codec.FrameCodec;
import io.apogeemq.remoting.codec.MalformedFrameException;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the inbound byte stream into frames (layout in {@link FrameCodec}) and decodes each into a
 * {@link io.apogeemq.remoting.protocol.RemotingCommand}.
 *
 * <p>The declared frame length is checked against {@code maxFrameLength} as soon as its 4 bytes
 * arrive, and the serialize type and header length as soon as the next 4 arrive, so an untrusted
 * length never drives an allocation: bytes are only buffered as they are received. The first
 * malformed frame logs one line, discards everything the connection sends afterwards and closes it.
 *
 * <p>One instance per channel; used only on that channel's event loop.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

  private final int maxFrameLength;
  private boolean failed;

  public FrameDecoder(int maxFrameLength) {
    if (maxFrameLength < 8) {
      throw new IllegalArgumentException("maxFrameLength must be at least 8, got " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int readable = in.readableBytes();
    if (readable < 4) {
      return;
    }
    int start = in.readerIndex();
    int frameLength = in.getInt(start);
    if (frameLength < 4 || frameLength > maxFrameLength) {
      fail(ctx, in, "frame length " + frameLength + " outside [4, " + maxFrameLength + "]");
      return;
    }
    if (readable >= 8) {
      int word = in.getInt(start + 4);
      int type = (word >>> 24) & 0xFF;
      int headerLength = word & 0xFFFFFF;
      if (SerializeType.fromCode(type) == null) {
        fail(ctx, in, "unknown serialize type " + type);
        return;
      }
      if (headerLength > frameLength - 4) {
        fail(ctx, in, "header length " + headerLength + " runs past the frame of "
            + frameLength + " bytes");
        return;
      }
    }
    if (readable - 4 < frameLength) {
      return;
    }
    try {
      out.add(FrameCodec.decodeFrame(in.slice(start + 4, frameLength)));
      in.skipBytes(4 + frameLength);
    } catch (MalformedFrameException e) {
      fail(ctx, in, e.getMessage());
    }
  }

  private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
    failed = true;
    in.skipBytes(in.readableBytes());
    LOG.warn("closing connection {} (channel {}): malformed frame: {}",
        PeerAddress.of(ctx.channel()), ctx.channel().id().asShortText(), reason);
    ctx.close();
  }
}
