package io.apogeemq.remoting.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.protocol.LanguageCode;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Round-trip and robustness properties of the frame codec. jqwik prints the seed of a failing run;
 * rerun it with {@code @Property(seed = "...")}.
 */
class FrameCodecProperties {

  @Property(tries = 400)
  void everyCommandSurvivesAJsonRoundTrip(@ForAll("commands") RemotingCommand command) {
    assertRoundTrip(command.serializeType(SerializeType.JSON));
  }

  @Property(tries = 400)
  void everyInt16CommandSurvivesARocketMqRoundTrip(@ForAll("commands") RemotingCommand command) {
    command.code((short) command.code()).version((short) command.version());
    assertRoundTrip(command.serializeType(SerializeType.ROCKETMQ));
  }

  @Property(tries = 1000)
  void arbitraryBytesDecodeOrFailAsMalformedButNeverOtherwise(
      @ForAll @Size(max = 300) byte[] header, @ForAll boolean json) {
    ByteBuf frame = Unpooled.buffer();
    frame.writeInt(((json ? 0 : 1) << 24) | header.length);
    frame.writeBytes(header);
    try {
      FrameCodec.decodeFrame(frame);
    } catch (MalformedFrameException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void everyTruncationOfAValidFrameFailsAsMalformed(@ForAll("commands") RemotingCommand command,
      @ForAll boolean json) {
    ByteBuf frame = Unpooled.buffer();
    FrameCodec.encode(command.serializeType(json ? SerializeType.JSON : SerializeType.ROCKETMQ)
        .code((short) command.code()).version((short) command.version()), frame);
    int headerLength = frame.getInt(4) & 0xFFFFFF;
    for (int cut = 1; cut < headerLength; cut += Math.max(1, headerLength / 7)) {
      ByteBuf truncated = Unpooled.buffer();
      truncated.writeInt(((json ? 0 : 1) << 24) | (headerLength - cut));
      truncated.writeBytes(frame, 8, headerLength - cut);
      try {
        FrameCodec.decodeFrame(truncated);
      } catch (MalformedFrameException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  private static void assertRoundTrip(RemotingCommand command) {
    ByteBuf frame = Unpooled.buffer();
    FrameCodec.encode(command, frame);
    RemotingCommand decoded = FrameCodec.decode(frame);
    assertThat(decoded.sameWireContent(command))
        .as("decoded %s%nfrom %s", decoded, command).isTrue();
    assertThat(decoded.serializeType()).isEqualTo(command.serializeType());
  }

  @Provide
  Arbitrary<RemotingCommand> commands() {
    Arbitrary<String> text = Arbitraries.strings()
        .withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
        .ofMinLength(1).ofMaxLength(40);
    Arbitrary<Map<String, String>> ext = Arbitraries.maps(text, text).ofMaxSize(6);
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    return Combinators.combine(
        Arbitraries.integers(), Arbitraries.of(LanguageCode.class), Arbitraries.integers(),
        Arbitraries.integers(), Arbitraries.integers().between(0, 3),
        text.injectNull(0.3), ext.injectNull(0.3), body.injectNull(0.3))
        .as((code, language, version, opaque, flag, remark, fields, bytes) -> {
          RemotingCommand command = new RemotingCommand().code(code).language(language)
              .version(version).opaque(opaque).flag(flag).remark(remark).body(bytes);
          if (fields != null) {
            fields.forEach(command::putExtField);
          }
          return command;
        });
  }
}
