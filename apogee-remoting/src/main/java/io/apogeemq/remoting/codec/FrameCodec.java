package io.apogeemq.remoting.codec;

import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes and decodes whole frames of the remoting protocol. All integers big-endian.
 *
 * <table>
 *   <caption>frame layout</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th></tr>
 *   <tr><td>0</td><td>4</td><td>frame length L = 4 + H + body length (does not count itself)</td></tr>
 *   <tr><td>4</td><td>1</td><td>serialize type: 0 JSON ({@link JsonHeaderCodec}),
 *       1 ROCKETMQ ({@link RocketMqHeaderCodec})</td></tr>
 *   <tr><td>5</td><td>3</td><td>header length H (uint24)</td></tr>
 *   <tr><td>8</td><td>H</td><td>header</td></tr>
 *   <tr><td>8+H</td><td>L-4-H</td><td>body, absent when empty</td></tr>
 * </table>
 *
 * <p>A command asking for ROCKETMQ serialization whose code or version does not fit the binary
 * header (the POP codes above 32767) is written as JSON, which every peer decodes by the type byte.
 *
 * <p>Stateless and thread-safe.
 */
public final class FrameCodec {

  /** Largest header length the 24-bit field can carry. */
  public static final int MAX_HEADER_LENGTH = 0xFFFFFF;
  /** Default bound on L: a 16 MiB body plus 64 KiB of header room. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024 + 64 * 1024;

  private FrameCodec() {}

  /**
   * Writes the frame of {@code command} (length prefix, type and header length, header and, for a
   * {@code byte[]} body, the body) into {@code out}. A {@link RemotingCommand#bodyBuffer()} or
   * {@link RemotingCommand#bodyRegion()} is not copied: the frame length accounts for it and the
   * caller writes it right after.
   */
  public static void encode(RemotingCommand command, ByteBuf out) {
    SerializeType type = command.serializeType();
    if (type == SerializeType.ROCKETMQ && !RocketMqHeaderCodec.canEncode(command)) {
      type = SerializeType.JSON;
    }
    int start = out.writerIndex();
    out.writeLong(0L);
    if (type == SerializeType.JSON) {
      JsonHeaderCodec.encode(command, out);
    } else {
      RocketMqHeaderCodec.encode(command, out);
    }
    int headerLength = out.writerIndex() - start - 8;
    if (headerLength > MAX_HEADER_LENGTH) {
      out.writerIndex(start);
      throw new IllegalArgumentException("header of " + headerLength + " bytes exceeds "
          + MAX_HEADER_LENGTH + " for " + command);
    }
    byte[] body = command.body();
    if (body != null) {
      out.writeBytes(body);
    }
    long frameLength = 4L + headerLength + command.bodyLength();
    if (frameLength > Integer.MAX_VALUE) {
      out.writerIndex(start);
      throw new IllegalArgumentException("frame of " + frameLength + " bytes is too long for "
          + command);
    }
    out.setInt(start, (int) frameLength);
    out.setInt(start + 4, (type.code() << 24) | headerLength);
  }

  /** Encodes into a new buffer from {@code allocator} (the zero-copy body is not included). */
  public static ByteBuf encode(RemotingCommand command, ByteBufAllocator allocator) {
    byte[] body = command.body();
    ByteBuf out = allocator.buffer(192 + (body == null ? 0 : body.length));
    try {
      encode(command, out);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /**
   * Decodes one frame whose length prefix has already been consumed: {@code frame} holds exactly
   * L readable bytes (type and header length, header, body). The reader index is not moved.
   *
   * @throws MalformedFrameException when the frame is not well-formed
   */
  public static RemotingCommand decodeFrame(ByteBuf frame) {
    int frameLength = frame.readableBytes();
    if (frameLength < 4) {
      throw new MalformedFrameException("frame of " + frameLength
          + " bytes has no room for its header length");
    }
    int start = frame.readerIndex();
    int word = frame.getInt(start);
    int typeCode = (word >>> 24) & 0xFF;
    int headerLength = word & 0xFFFFFF;
    SerializeType type = SerializeType.fromCode(typeCode);
    if (type == null) {
      throw new MalformedFrameException("unknown serialize type " + typeCode);
    }
    if (headerLength > frameLength - 4) {
      throw new MalformedFrameException("header length " + headerLength
          + " runs past the frame of " + frameLength + " bytes");
    }
    ByteBuf header = frame.slice(start + 4, headerLength);
    RemotingCommand command = type == SerializeType.JSON
        ? JsonHeaderCodec.decode(header, headerLength)
        : RocketMqHeaderCodec.decode(header, headerLength);
    int bodyLength = frameLength - 4 - headerLength;
    if (bodyLength > 0) {
      byte[] body = new byte[bodyLength];
      frame.getBytes(start + 4 + headerLength, body);
      command.body(body);
    }
    return command;
  }

  /**
   * Decodes one complete frame including its length prefix, e.g. bytes produced by another
   * implementation's encoder.
   */
  public static RemotingCommand decode(ByteBuf frameWithLength) {
    if (frameWithLength.readableBytes() < 4) {
      throw new MalformedFrameException("frame shorter than its length prefix");
    }
    int declared = frameWithLength.getInt(frameWithLength.readerIndex());
    if (declared < 0 || declared != frameWithLength.readableBytes() - 4) {
      throw new MalformedFrameException("frame length " + declared + " does not match the "
          + (frameWithLength.readableBytes() - 4) + " bytes given");
    }
    return decodeFrame(frameWithLength.slice(frameWithLength.readerIndex() + 4, declared));
  }
}
