package io.apogeemq.remoting.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.codec.FrameCodec;
import io.apogeemq.remoting.netty.FrameDecoder;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Thousands of random, truncated and lying frames against a running server. Afterwards the server
 * still answers, every malformed connection was closed with exactly one log line, and neither heap
 * nor pooled direct memory grew beyond a small bound. The random seed is printed for replay
 * ({@code -Dhostile.seed=...}).
 */
@Timeout(120)
class HostileInputIT {

  private static final int CONNECTIONS = 4_000;
  private static final int ATTACKERS = 4;
  private static final long BUDGET_MILLIS = 60_000;

  @Test
  void serverSurvivesThousandsOfMalformedFramesAndKeepsServing() throws Exception {
    long seed = Long.getLong("hostile.seed", System.nanoTime());
    System.out.println("HostileInputIT seed = " + seed);
    Map<String, AtomicInteger> malformedLinesByChannel = new ConcurrentHashMap<>();
    Logger decoderLog = (Logger) LoggerFactory.getLogger(FrameDecoder.class);
    AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        String peer = event.getArgumentArray()[1].toString();
        malformedLinesByChannel.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
      }
    };
    counter.start();
    decoderLog.addAppender(counter);
    decoderLog.setAdditive(false);
    decoderLog.setLevel(Level.WARN);

    RemotingServer server = new RemotingServer("hostile", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(2), null);
    server.registerDirectProcessor(1, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, "alive"));
    RemotingClient client = new RemotingClient("hostile-client",
        RemotingClientConfig.defaults().withIoThreads(1), null);
    ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS);
    try {
      server.start();
      client.start();
      String address = "127.0.0.1:" + server.port();
      assertThat(client.invokeSync(address, RemotingCommand.request(1), 10_000).remark())
          .isEqualTo("alive");
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long heapBefore = usedHeapAfterGc(memory);
      long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();

      long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
      AtomicInteger sent = new AtomicInteger();
      List<Future<?>> runs = new ArrayList<>();
      for (int a = 0; a < ATTACKERS; a++) {
        Random random = new Random(seed + a);
        runs.add(attackers.submit(() -> {
          while (sent.get() < CONNECTIONS && System.currentTimeMillis() < deadline) {
            sent.incrementAndGet();
            attack(server.port(), random);
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(BUDGET_MILLIS + 10_000, TimeUnit.MILLISECONDS);
      }
      System.out.println("HostileInputIT sent " + sent.get() + " hostile connections");
      assertThat(sent.get()).isGreaterThanOrEqualTo(1_000);

      assertThat(client.invokeSync(address, RemotingCommand.request(1), 10_000).remark())
          .isEqualTo("alive");
      await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 1);
      assertThat(malformedLinesByChannel).isNotEmpty();
      assertThat(malformedLinesByChannel.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));

      long heapGrowth = usedHeapAfterGc(memory) - heapBefore;
      long directGrowth = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - directBefore;
      System.out.printf("HostileInputIT heap growth %d KiB, pooled direct growth %d KiB%n",
          heapGrowth / 1024, directGrowth / 1024);
      assertThat(heapGrowth).isLessThan(64L * 1024 * 1024);
      assertThat(directGrowth).isLessThan(64L * 1024 * 1024);
    } finally {
      attackers.shutdownNow();
      client.shutdown();
      server.shutdown();
      decoderLog.detachAppender(counter);
      decoderLog.setAdditive(true);
    }
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private static void attack(int port, Random random) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoLinger(true, 0);
      OutputStream out = socket.getOutputStream();
      out.write(hostileBytes(random));
      out.flush();
      if (random.nextInt(4) == 0) {
        socket.setSoTimeout(200);
        socket.getInputStream().read();
      }
    } catch (IOException expected) {
      // the server may close first; that is the point
    }
  }

  static byte[] hostileBytes(Random random) {
    ByteBuf buf = Unpooled.buffer();
    switch (random.nextInt(9)) {
      case 0 -> { // random garbage
        byte[] junk = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(junk);
        buf.writeBytes(junk);
      }
      case 1 -> { // valid frame cut anywhere
        byte[] valid = validFrame(random);
        buf.writeBytes(valid, 0, random.nextInt(valid.length));
      }
      case 2 -> buf.writeInt(FrameCodec.DEFAULT_MAX_FRAME_LENGTH + 1 + random.nextInt(1 << 30))
          .writeInt(10);
      case 3 -> buf.writeInt(-1 - random.nextInt(Integer.MAX_VALUE)).writeInt(0);
      case 4 -> buf.writeInt(20).writeInt(1_000).writeZero(16); // header past the frame
      case 5 -> { // invalid JSON
        byte[] json = "{\"code\":1,\"flag\":".getBytes(StandardCharsets.UTF_8);
        buf.writeInt(4 + json.length).writeInt(json.length).writeBytes(json);
      }
      case 6 -> buf.writeInt(8).writeInt((2 + random.nextInt(250)) << 24).writeInt(0);
      case 7 -> { // well-framed random header of either type
        byte[] header = new byte[random.nextInt(200)];
        random.nextBytes(header);
        buf.writeInt(4 + header.length)
            .writeInt((random.nextInt(2) << 24) | header.length).writeBytes(header);
      }
      default -> { // a big declared length, few bytes sent: must not be preallocated
        buf.writeInt(8 * 1024 * 1024 + random.nextInt(8 * 1024 * 1024)).writeInt(0);
        byte[] some = new byte[random.nextInt(1_000)];
        buf.writeBytes(some);
      }
    }
    if (random.nextBoolean()) { // sometimes preceded by a valid request
      ByteBuf prefixed = Unpooled.wrappedBuffer(validFrame(random), ByteBufUtil.getBytes(buf));
      return ByteBufUtil.getBytes(prefixed);
    }
    return ByteBufUtil.getBytes(buf);
  }

  private static byte[] validFrame(Random random) {
    ByteBuf frame = Unpooled.buffer();
    FrameCodec.encode(RemotingCommand.request(1).opaque(random.nextInt())
        .putExtField("k", "v" + random.nextInt())
        .serializeType(random.nextBoolean() ? SerializeType.JSON : SerializeType.ROCKETMQ), frame);
    return ByteBufUtil.getBytes(frame);
  }
}
