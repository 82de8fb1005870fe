package io.apogeemq.remoting.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FileRegionBodyTest {

  @TempDir
  Path dir;

  @Test
  void aStretchOfAFileIsServedAsBodyWithoutLoadingItIntoTheHeap() throws Exception {
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Path file = Files.write(dir.resolve("commitlog"), content);
    RemotingServer server = new RemotingServer("region", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(1), null);
    server.registerDirectProcessor(11, (context, request) -> {
      long from = Long.parseLong(request.extField("from"));
      long count = Long.parseLong(request.extField("count"));
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      return RemotingCommand.response(ResponseCode.SUCCESS, null)
          .putExtField("nextBeginOffset", from + count)
          .bodyRegion(new DefaultFileRegion(channel, from, count));
    });
    RemotingClient client = new RemotingClient("region-client",
        RemotingClientConfig.defaults().withIoThreads(1), null);
    try {
      server.start();
      client.start();
      String address = "127.0.0.1:" + server.port();
      for (int from : new int[] {0, 1234, 250_000}) {
        int count = Math.min(40_000, content.length - from);
        RemotingCommand response = client.invokeSync(address, RemotingCommand.request(11)
            .putExtField("from", from).putExtField("count", count), 5_000);
        assertThat(response.extField("nextBeginOffset")).isEqualTo(String.valueOf(from + count));
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, from, from + count));
      }
    } finally {
      client.shutdown();
      server.shutdown();
    }
  }
}
