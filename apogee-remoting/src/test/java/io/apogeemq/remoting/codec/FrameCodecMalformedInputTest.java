package io.apogeemq.remoting.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameCodecMalformedInputTest {

  private static ByteBuf frame(int type, String header) {
    byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
    ByteBuf frame = Unpooled.buffer();
    frame.writeInt(bytes.length);
    frame.writeInt((type << 24) | bytes.length);
    frame.writeBytes(bytes);
    frame.setInt(0, frame.readableBytes() - 4);
    return frame;
  }

  @Test
  void unknownSerializeTypeIsRejected() {
    assertThatThrownBy(() -> FrameCodec.decode(frame(7, "{}")))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("serialize type 7");
  }

  @Test
  void headerLengthPastTheFrameIsRejected() {
    ByteBuf frame = frame(0, "{}");
    frame.setInt(4, 1000);
    assertThatThrownBy(() -> FrameCodec.decode(frame))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("runs past");
  }

  @Test
  void invalidJsonIsRejected() {
    assertThatThrownBy(() -> FrameCodec.decode(frame(0, "{\"code\":")))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("JSON");
    assertThatThrownBy(() -> FrameCodec.decode(frame(0, "[1]")))
        .isInstanceOf(MalformedFrameException.class);
    assertThatThrownBy(() -> FrameCodec.decode(frame(0, "{} {}")))
        .isInstanceOf(MalformedFrameException.class);
    assertThatThrownBy(() -> FrameCodec.decode(frame(0, "{\"code\":99999999999}")))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("code");
    assertThatThrownBy(() -> FrameCodec.decode(frame(0, "{\"extFields\":{\"a\":{}}}")))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("extFields.a");
  }

  @Test
  void deeplyNestedOrHugeJsonValuesAreRejectedWithoutRecursionOrBigNumbers() {
    String deep = "{\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    assertThatThrownBy(() -> FrameCodec.decode(frame(0, deep)))
        .isInstanceOf(MalformedFrameException.class);
    String hugeNumber = "{\"code\":" + "9".repeat(5_000) + "}";
    assertThatThrownBy(() -> FrameCodec.decode(frame(0, hugeNumber)))
        .isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void rocketMqRemarkLongerThanTheHeaderIsRejected() {
    ByteBuf header = Unpooled.buffer();
    header.writeShort(105).writeByte(0).writeShort(479).writeInt(1).writeInt(0);
    header.writeInt(Integer.MAX_VALUE);
    header.writeInt(0);
    ByteBuf frame = Unpooled.buffer();
    frame.writeInt(4 + header.readableBytes()).writeInt((1 << 24) | header.readableBytes());
    frame.writeBytes(header);
    assertThatThrownBy(() -> FrameCodec.decode(frame))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("remark length");
  }

  @Test
  void rocketMqNegativeExtValueLengthIsRejected() {
    String hex = "0069" + "00" + "01df" + "00000001" + "00000000" + "00000000"
        + "00000009" + "0001" + "61" + "ffffffff" + "6262";
    ByteBuf header = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
    ByteBuf frame = Unpooled.buffer();
    frame.writeInt(4 + header.readableBytes()).writeInt((1 << 24) | header.readableBytes());
    frame.writeBytes(header);
    assertThatThrownBy(() -> FrameCodec.decode(frame))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("ext value length -1");
  }

  @Test
  void truncatedFrameIsRejected() {
    ByteBuf frame = frame(0, "{\"code\":1}");
    ByteBuf truncated = frame.slice(0, frame.readableBytes() - 2);
    assertThatThrownBy(() -> FrameCodec.decode(truncated))
        .isInstanceOf(MalformedFrameException.class).hasMessageContaining("does not match");
  }
}
