package io.apogeemq.remoting.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RequestContextTest {

  private final HookChain hooks = new HookChain();

  @Test
  void responseIsBoundToTheRequestOpaqueAndSerialization() {
    EmbeddedChannel channel = new EmbeddedChannel();
    RemotingCommand request = RemotingCommand.request(11).opaque(99)
        .serializeType(SerializeType.ROCKETMQ);
    RequestContext context = new RequestContext(channel, request, hooks);
    assertThat(context.writeResponse(RemotingCommand.response(ResponseCode.SUCCESS, null)))
        .isTrue();
    RemotingCommand written = channel.readOutbound();
    assertThat(written.opaque()).isEqualTo(99);
    assertThat(written.isResponse()).isTrue();
    assertThat(written.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
    assertThat(written.version()).isEqualTo(479);
  }

  @Test
  void onlyTheFirstResponseIsWrittenAndLaterBodiesAreReleased() {
    EmbeddedChannel channel = new EmbeddedChannel();
    RequestContext context = new RequestContext(channel, RemotingCommand.request(11), hooks);
    ByteBuf second = Unpooled.buffer().writeByte(1);
    assertThat(context.writeResponse(RemotingCommand.response(0, "first"))).isTrue();
    assertThat(context.writeResponse(RemotingCommand.response(0, "second").bodyBuffer(second)))
        .isFalse();
    assertThat(second.refCnt()).isZero();
    assertThat(((RemotingCommand) channel.readOutbound()).remark()).isEqualTo("first");
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void onewayRequestsAreNeverAnswered() {
    EmbeddedChannel channel = new EmbeddedChannel();
    RequestContext context = new RequestContext(channel, RemotingCommand.onewayRequest(15), hooks);
    ByteBuf body = Unpooled.buffer().writeByte(1);
    assertThat(context.writeResponse(RemotingCommand.response(1, "error").bodyBuffer(body)))
        .isFalse();
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(body.refCnt()).isZero();
  }

  @Test
  void answeringOnAClosedConnectionIsDroppedQuietly() {
    EmbeddedChannel channel = new EmbeddedChannel();
    RequestContext context = new RequestContext(channel, RemotingCommand.request(11), hooks);
    channel.close();
    ByteBuf body = Unpooled.buffer().writeByte(1);
    assertThat(context.writeResponse(RemotingCommand.response(0, null).bodyBuffer(body)))
        .isFalse();
    assertThat(body.refCnt()).isZero();
  }
}
