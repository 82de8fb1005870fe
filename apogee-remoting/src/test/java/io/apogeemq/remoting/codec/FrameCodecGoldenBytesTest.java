package io.apogeemq.remoting.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.protocol.LanguageCode;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Frames written by hand from the protocol specification (remoting.md sections 3 and 4). */
@Timeout(10)
class FrameCodecGoldenBytesTest {

  private static final String ROUTE_REQUEST_JSON = "{\"code\":105,\"extFields\":{\"topic\":"
      + "\"TopicTest\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":0,"
      + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}";

  private static final String ROUTE_REQUEST_ROCKETMQ_HEX = "0000002f" + "0100002b"
      + "0069" + "00" + "01df" + "00000001" + "00000000"
      + "00000002" + "6869"
      + "00000014" + "0005" + "746f706963" + "00000009" + "546f70696354657374";

  private static RemotingCommand routeRequest() {
    return RemotingCommand.request(105).putExtField("topic", "TopicTest");
  }

  private static byte[] encode(RemotingCommand command) {
    ByteBuf out = Unpooled.buffer();
    FrameCodec.encode(command, out);
    return ByteBufUtil.getBytes(out);
  }

  private static byte[] jsonFrame(String json, byte[] body) {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuf frame = Unpooled.buffer();
    frame.writeInt(4 + header.length + body.length);
    frame.writeInt(header.length);
    frame.writeBytes(header);
    frame.writeBytes(body);
    return ByteBufUtil.getBytes(frame);
  }

  @Test
  void jsonRouteRequestEncodesToTheSpecificationBytes() {
    byte[] expected = jsonFrame(ROUTE_REQUEST_JSON, new byte[0]);
    assertThat(expected).hasSize(139);
    assertThat(ByteBufUtil.hexDump(expected, 0, 8)).isEqualTo("0000008700000083");
    assertThat(encode(routeRequest())).isEqualTo(expected);
  }

  @Test
  void jsonRouteRequestFromTheSpecificationDecodes() {
    RemotingCommand decoded = FrameCodec.decode(
        Unpooled.wrappedBuffer(jsonFrame(ROUTE_REQUEST_JSON, new byte[0])));
    assertThat(decoded.code()).isEqualTo(105);
    assertThat(decoded.extFields()).isEqualTo(Map.of("topic", "TopicTest"));
    assertThat(decoded.flag()).isZero();
    assertThat(decoded.language()).isEqualTo(LanguageCode.JAVA);
    assertThat(decoded.opaque()).isZero();
    assertThat(decoded.version()).isEqualTo(479);
    assertThat(decoded.remark()).isNull();
    assertThat(decoded.body()).isNull();
    assertThat(decoded.serializeType()).isEqualTo(SerializeType.JSON);
  }

  @Test
  void jsonErrorResponseFromTheSpecificationDecodesWithRemarkAndBody() {
    String json = "{\"code\":17,\"flag\":1,\"language\":\"JAVA\",\"opaque\":0,\"remark\":"
        + "\"No topic route info in name server for the topic: TopicTest\","
        + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}";
    RemotingCommand decoded = FrameCodec.decode(
        Unpooled.wrappedBuffer(jsonFrame(json, new byte[] {1, 2, 3})));
    assertThat(decoded.isResponse()).isTrue();
    assertThat(decoded.code()).isEqualTo(17);
    assertThat(decoded.remark()).startsWith("No topic route info");
    assertThat(decoded.body()).containsExactly(1, 2, 3);
    assertThat(encode(decoded)).isEqualTo(jsonFrame(json, new byte[] {1, 2, 3}));
  }

  @Test
  void jsonReaderIgnoresUnknownKeysAcceptsLanguageOrdinalAndNumbersAsText() {
    String json = "{\"unknown\":{\"a\":[1,2]},\"code\":\"12\",\"language\":9,\"opaque\":7,"
        + "\"extFields\":{\"queueId\":\"3\",\"n\":null},\"flag\":2,\"version\":409}";
    RemotingCommand decoded = FrameCodec.decode(
        Unpooled.wrappedBuffer(jsonFrame(json, new byte[0])));
    assertThat(decoded.code()).isEqualTo(12);
    assertThat(decoded.language()).isEqualTo(LanguageCode.GO);
    assertThat(decoded.isOneway()).isTrue();
    assertThat(decoded.extFields()).isEqualTo(Map.of("queueId", "3"));
  }

  @Test
  void jsonWriterEscapesQuotesControlCharactersAndKeepsUnicodeRaw() {
    RemotingCommand command = RemotingCommand.response(1, "a\"b\\c\nd\u0001é😀");
    byte[] frame = encode(command);
    String header = new String(frame, 8, frame.length - 8, StandardCharsets.UTF_8);
    assertThat(header).contains("\"remark\":\"a\\\"b\\\\c\\nd\\u0001é😀\"");
    assertThat(FrameCodec.decode(Unpooled.wrappedBuffer(frame)).remark())
        .isEqualTo("a\"b\\c\nd\u0001é😀");
  }

  @Test
  void rocketMqRouteRequestEncodesToTheSpecificationBytes() {
    RemotingCommand command = routeRequest().opaque(1).remark("hi")
        .serializeType(SerializeType.ROCKETMQ);
    assertThat(ByteBufUtil.hexDump(encode(command))).isEqualTo(ROUTE_REQUEST_ROCKETMQ_HEX);
  }

  @Test
  void rocketMqRouteRequestFromTheSpecificationDecodes() {
    RemotingCommand decoded = FrameCodec.decode(
        Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(ROUTE_REQUEST_ROCKETMQ_HEX)));
    assertThat(decoded.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
    assertThat(decoded.code()).isEqualTo(105);
    assertThat(decoded.language()).isEqualTo(LanguageCode.JAVA);
    assertThat(decoded.version()).isEqualTo(479);
    assertThat(decoded.opaque()).isEqualTo(1);
    assertThat(decoded.flag()).isZero();
    assertThat(decoded.remark()).isEqualTo("hi");
    assertThat(decoded.extFields()).isEqualTo(Map.of("topic", "TopicTest"));
  }

  @Test
  void popCodesAskingForRocketMqAreWrittenAsJsonBecauseTheBinaryCodeFieldIsInt16() {
    RemotingCommand pop = RemotingCommand.request(200050).serializeType(SerializeType.ROCKETMQ);
    byte[] frame = encode(pop);
    assertThat(frame[4]).isEqualTo(SerializeType.JSON.code());
    assertThat(FrameCodec.decode(Unpooled.wrappedBuffer(frame)).code()).isEqualTo(200050);
  }

  @Test
  void byteBufBodyIsCountedInTheFrameLengthButNotCopied() {
    RemotingCommand command = RemotingCommand.request(11)
        .bodyBuffer(Unpooled.wrappedBuffer(new byte[] {9, 8, 7, 6}));
    ByteBuf header = Unpooled.buffer();
    FrameCodec.encode(command, header);
    int headerLength = header.getInt(4) & 0xFFFFFF;
    assertThat(header.readableBytes()).isEqualTo(8 + headerLength);
    assertThat(header.getInt(0)).isEqualTo(4 + headerLength + 4);
    command.bodyBuffer().release();
  }
}
