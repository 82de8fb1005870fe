package io.apogeemq.remoting.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.codec.FrameCodec;
import io.apogeemq.remoting.protocol.LanguageCode;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetResponseHeader;
import org.apache.rocketmq.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bytes produced by Apogee's encoder are accepted by the official {@code RemotingCommand.decode}
 * (5.3.3) and vice versa, for both header serializations.
 */
@Timeout(20)
class OfficialCodecCrossCheckTest {

  private static org.apache.rocketmq.remoting.protocol.SerializeType official(SerializeType type) {
    return org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(type.name());
  }

  private static List<RemotingCommand> samples() {
    return List.of(
        RemotingCommand.request(105).putExtField("topic", "TopicTest"),
        RemotingCommand.request(310).opaque(-5).remark("héllo \"wörld\" 😀\n")
            .putExtField("a", "1").putExtField("b", "x y").putExtField("ü", "ñ")
            .body(new byte[] {0, 1, 2, (byte) 255}),
        RemotingCommand.response(17, "No topic route info").opaque(Integer.MAX_VALUE),
        RemotingCommand.onewayRequest(15).language(LanguageCode.GO).version(409)
            .putExtField("commitOffset", "-1"));
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void officialDecoderAcceptsApogeeFrames(SerializeType type) throws Exception {
    for (RemotingCommand ours : samples()) {
      ours.serializeType(type);
      ByteBuf frame = Unpooled.buffer();
      FrameCodec.encode(ours, frame);
      byte[] bytes = ByteBufUtil.getBytes(frame, 4, frame.readableBytes() - 4);
      org.apache.rocketmq.remoting.protocol.RemotingCommand theirs =
          org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(bytes);
      assertThat(theirs.getCode()).isEqualTo(ours.code());
      assertThat(theirs.getLanguage().name()).isEqualTo(ours.language().name());
      assertThat(theirs.getVersion()).isEqualTo(ours.version());
      assertThat(theirs.getOpaque()).isEqualTo(ours.opaque());
      assertThat(theirs.getFlag()).isEqualTo(ours.flag());
      assertThat(theirs.getRemark()).isEqualTo(ours.remark());
      assertThat(theirs.getExtFields() == null ? Map.of() : theirs.getExtFields())
          .isEqualTo(ours.extFields() == null ? Map.of() : ours.extFields());
      assertThat(theirs.getBody()).isEqualTo(ours.body());
      assertThat(theirs.getSerializeTypeCurrentRPC()).isEqualTo(official(type));
    }
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void apogeeDecoderAcceptsOfficialFrames(SerializeType type) throws Exception {
    for (RemotingCommand sample : samples()) {
      org.apache.rocketmq.remoting.protocol.RemotingCommand theirs =
          org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
              sample.code(), null);
      theirs.setOpaque(sample.opaque());
      theirs.setFlag(sample.flag());
      theirs.setRemark(sample.remark());
      theirs.setLanguage(org.apache.rocketmq.remoting.protocol.LanguageCode.valueOf(
          sample.language().name()));
      theirs.setVersion(sample.version());
      if (sample.extFields() != null) {
        theirs.setExtFields(new HashMap<>(sample.extFields()));
      }
      theirs.setBody(sample.body());
      theirs.setSerializeTypeCurrentRPC(official(type));
      ByteBuffer encoded = theirs.encode();
      RemotingCommand ours = FrameCodec.decode(Unpooled.wrappedBuffer(encoded));
      assertThat(ours.sameWireContent(sample)).as("%s vs %s", ours, sample).isTrue();
      assertThat(ours.serializeType()).isEqualTo(type);
    }
  }

  @Test
  void officialTypedHeadersMapToTheSameExtFields() throws Exception {
    GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
    header.setTopic("TopicTest");
    org.apache.rocketmq.remoting.protocol.RemotingCommand theirs =
        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(105, header);
    RemotingCommand ours = FrameCodec.decode(Unpooled.wrappedBuffer(theirs.encode()));
    assertThat(ours.extField("topic")).isEqualTo("TopicTest");

    RemotingCommand response = RemotingCommand.response(0, null).putExtField("offset", 42L);
    ByteBuf frame = Unpooled.buffer();
    FrameCodec.encode(response, frame);
    org.apache.rocketmq.remoting.protocol.RemotingCommand decoded =
        org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(
            ByteBufUtil.getBytes(frame, 4, frame.readableBytes() - 4));
    QueryConsumerOffsetResponseHeader typed =
        decoded.decodeCommandCustomHeader(QueryConsumerOffsetResponseHeader.class);
    assertThat(typed.getOffset()).isEqualTo(42L);
  }
}
