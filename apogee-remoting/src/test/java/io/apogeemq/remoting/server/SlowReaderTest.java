package io.apogeemq.remoting.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.codec.FrameCodec;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SlowReaderTest {

  @Test
  void aClientThatNeverReadsItsResponsesIsThrottledInsteadOfFillingServerMemory()
      throws Exception {
    byte[] bigBody = new byte[64 * 1024];
    RemotingServer server = new RemotingServer("slow-reader", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(1), null);
    server.registerDirectProcessor(1, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, null).body(bigBody));
    ByteBuf one = Unpooled.buffer();
    FrameCodec.encode(RemotingCommand.request(1).body(new byte[16 * 1024]), one);
    byte[] request = ByteBufUtil.getBytes(one);
    long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    AtomicInteger sent = new AtomicInteger();
    try (Socket socket = new Socket()) {
      server.start();
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 3_000);
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          for (int i = 0; i < 20_000; i++) { // 320 MiB of requests, 1.25 GiB of answers
            out.write(request);
            sent.incrementAndGet();
          }
        } catch (IOException closedAtTheEnd) {
          // expected: the test closes the socket while this write is blocked
        }
      }, "slow-reader-writer");
      writer.setDaemon(true);
      writer.start();
      writer.join(3_000);
      long directGrowth = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - directBefore;
      System.out.printf("SlowReaderTest: %d requests written, pooled direct growth %d KiB%n",
          sent.get(), directGrowth / 1024);
      assertThat(sent.get()).isLessThan(20_000);
      assertThat(directGrowth).isLessThan(64L * 1024 * 1024);
      try (RawConnection other = new RawConnection(server.port())) {
        other.send(RemotingCommand.request(1).opaque(5));
        assertThat(other.read().opaque()).isEqualTo(5);
      }
    } finally {
      server.shutdown();
    }
  }
}
