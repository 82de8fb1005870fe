package io.apogeemq.remoting.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.apogeemq.remoting.dispatch.RemotingHook;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.LanguageCode;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RemotingVersion;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RemotingServerTest {

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Channel> connected = new CopyOnWriteArrayList<>();
  private RemotingServer server;
  private RemotingClient client;
  private String address;

  @BeforeEach
  void start() {
    ChannelEventListener listener = new ChannelEventListener() {
      @Override
      public void onConnect(String peer, Channel channel) {
        connected.add(channel);
        events.add("connect " + peer);
      }

      @Override
      public void onClose(String peer, Channel channel) {
        events.add("close " + peer);
      }

      @Override
      public void onIdle(String peer, Channel channel) {
        events.add("idle " + peer);
      }
    };
    server = new RemotingServer("test", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(2).withMaxFrameLength(64 * 1024), listener);
    server.registerDirectProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, null)
            .body(HeaderReader.of(request).requireString("topic")
                .getBytes(StandardCharsets.UTF_8)));
    server.start();
    address = "127.0.0.1:" + server.port();
    client = new RemotingClient("test-client", RemotingClientConfig.defaults().withIoThreads(1),
        null);
    client.start();
  }

  @AfterEach
  void stop() {
    client.shutdown();
    server.shutdown();
  }

  private RemotingCommand call(RemotingCommand request) throws Exception {
    return client.invokeSync(address, request, 10_000);
  }

  @Test
  void answersARegisteredCodeWithOpaqueVersionLanguageAndResponseFlag() throws Exception {
    try (RawConnection raw = new RawConnection(server.port())) {
      raw.send(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).opaque(77)
          .putExtField("topic", "TopicTest"));
      RemotingCommand response = raw.read();
      assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
      assertThat(response.opaque()).isEqualTo(77);
      assertThat(response.flag()).isEqualTo(RemotingCommand.FLAG_RESPONSE);
      assertThat(response.version()).isEqualTo(RemotingVersion.CURRENT);
      assertThat(response.language()).isEqualTo(LanguageCode.JAVA);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("TopicTest");
    }
  }

  @Test
  void answersInTheSerializationOfTheRequest() throws Exception {
    try (RawConnection raw = new RawConnection(server.port())) {
      raw.send(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).opaque(1)
          .putExtField("topic", "T").serializeType(SerializeType.ROCKETMQ));
      byte[] frame = raw.readFrame();
      assertThat(frame[4]).isEqualTo(SerializeType.ROCKETMQ.code());
      raw.send(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).opaque(2)
          .putExtField("topic", "T"));
      assertThat(raw.readFrame()[4]).isEqualTo(SerializeType.JSON.code());
    }
  }

  @Test
  void unknownCodeGetsRequestCodeNotSupported() throws Exception {
    RemotingCommand response = call(RemotingCommand.request(4242));
    assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    assertThat(response.remark()).isEqualTo(" request type 4242 not supported");
  }

  @Test
  void missingRequiredHeaderFieldGetsSystemErrorNamingFieldAndCode() throws Exception {
    RemotingCommand response = call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC));
    assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(response.remark()).contains("'topic'").contains("request code 105");
  }

  @Test
  void processorExceptionBecomesSystemErrorWithUsefulRemark() throws Exception {
    server.registerDirectProcessor(500, (context, request) -> {
      throw new IllegalStateException("store is read-only");
    });
    RemotingCommand response = call(RemotingCommand.request(500));
    assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(response.remark()).contains("IllegalStateException").contains("store is read-only")
        .contains("request code 500");
  }

  @Test
  void commandExceptionChoosesTheResponseCode() throws Exception {
    server.registerDirectProcessor(501, (context, request) -> {
      throw new CommandException(ResponseCode.TOPIC_NOT_EXIST, "topic X not exist");
    });
    RemotingCommand response = call(RemotingCommand.request(501));
    assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    assertThat(response.remark()).isEqualTo("topic X not exist");
  }

  @Test
  void fullProcessorQueueAnswersSystemBusyAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ThreadPoolExecutor executor = server.newProcessorExecutor("slow", 1, 1);
    server.registerProcessor(600, (context, request) -> {
      release.await(10, TimeUnit.SECONDS);
      return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }, executor);
    CompletableFuture<RemotingCommand> running = client.invokeAsync(address,
        RemotingCommand.request(600), 5_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.getActiveCount() == 1);
    CompletableFuture<RemotingCommand> queued = client.invokeAsync(address,
        RemotingCommand.request(600), 5_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.getQueue().size() == 1);
    long start = System.nanoTime();
    RemotingCommand busy = call(RemotingCommand.request(600));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    assertThat(busy.code()).isEqualTo(ResponseCode.SYSTEM_BUSY);
    assertThat(busy.remark()).contains("request code 600");
    release.countDown();
    assertThat(running.get(10, TimeUnit.SECONDS).code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(queued.get(10, TimeUnit.SECONDS).code()).isEqualTo(ResponseCode.SUCCESS);
  }

  @Test
  void onewayRequestsAreNeverAnsweredEvenOnError() throws Exception {
    server.registerDirectProcessor(502, (context, request) -> {
      throw new IllegalStateException("boom");
    });
    try (RawConnection raw = new RawConnection(server.port())) {
      raw.send(RemotingCommand.onewayRequest(4242).opaque(1));
      raw.send(RemotingCommand.onewayRequest(502).opaque(2));
      raw.send(RemotingCommand.onewayRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC).opaque(3));
      raw.send(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).opaque(4)
          .putExtField("topic", "T"));
      assertThat(raw.read().opaque()).isEqualTo(4);
      assertThat(raw.readTimesOut(300)).isTrue();
    }
  }

  @Test
  void processorMayAnswerLaterThroughItsContext() throws Exception {
    CompletableFuture<Void> later = new CompletableFuture<>();
    server.registerDirectProcessor(700, (context, request) -> {
      later.thenRunAsync(() -> context.writeResponse(
          RemotingCommand.response(ResponseCode.SUCCESS, "held")));
      return null;
    });
    CompletableFuture<RemotingCommand> held = client.invokeAsync(address,
        RemotingCommand.request(700), 5_000);
    assertThat(call(RemotingCommand.request(4242)).code())
        .isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    assertThat(held).isNotDone();
    later.complete(null);
    assertThat(held.get(10, TimeUnit.SECONDS).remark()).isEqualTo("held");
  }

  @Test
  void byteBufBodyIsWrittenAndReleased() throws Exception {
    io.netty.buffer.ByteBuf stored = Unpooled.directBuffer().writeBytes(new byte[] {1, 2, 3, 4});
    server.registerDirectProcessor(701, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, null).bodyBuffer(stored.retainedSlice()));
    assertThat(call(RemotingCommand.request(701)).body()).containsExactly(1, 2, 3, 4);
    await().atMost(Duration.ofSeconds(5)).until(() -> stored.refCnt() == 1);
    stored.release();
  }

  @Test
  void hooksRunAroundEveryRequestAndMayRefuseIt() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    server.addHook(new RemotingHook() {
      @Override
      public void beforeRequest(String peer, RemotingCommand request) {
        seen.add("before " + request.code() + " from " + peer.startsWith("127.0.0.1:"));
        if ("nobody".equals(request.extField("AccessKey"))) {
          throw new CommandException(ResponseCode.NO_PERMISSION, "access denied for nobody");
        }
      }

      @Override
      public void afterResponse(String peer, RemotingCommand request, RemotingCommand response) {
        seen.add("after " + request.code() + " -> " + response.code());
      }
    });
    call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putExtField("topic", "T"));
    RemotingCommand refused = call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
        .putExtField("topic", "T").putExtField("AccessKey", "nobody"));
    assertThat(refused.code()).isEqualTo(ResponseCode.NO_PERMISSION);
    assertThat(seen).containsExactly("before 105 from true", "after 105 -> 0",
        "before 105 from true", "after 105 -> 16");
  }

  @Test
  void listenerLearnsOfConnectAndCloseWithThePeerAddress() throws Exception {
    String peer;
    try (RawConnection raw = new RawConnection(server.port())) {
      raw.send(RemotingCommand.request(4242));
      raw.read();
      await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
      peer = events.get(0).substring("connect ".length());
      assertThat(peer).startsWith("127.0.0.1:");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("close " + peer));
  }

  @Test
  void oversizedFrameClosesOnlyThatConnection() throws Exception {
    try (RawConnection raw = new RawConnection(server.port())) {
      raw.sendBytes(new byte[] {0x7f, 0, 0, 0, 0, 0, 0, 10});
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertThat(call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
        .putExtField("topic", "still-serving")).code()).isEqualTo(ResponseCode.SUCCESS);
  }

  @Test
  void serverSendsRequestsToAConnectedClientSyncAsyncAndOneway() throws Exception {
    CountDownLatch onewayReceived = new CountDownLatch(1);
    client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, "running " + request.extField("g")),
        null);
    client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (context, request) -> {
      onewayReceived.countDown();
      return null;
    }, null);
    call(RemotingCommand.request(4242));
    await().atMost(Duration.ofSeconds(5)).until(() -> connected.size() == 1);
    Channel toClient = connected.get(0);
    RemotingCommand sync = server.invokeSync(toClient,
        RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).putExtField("g", "G1"),
        10_000);
    assertThat(sync.remark()).isEqualTo("running G1");
    RemotingCommand async = server.invokeAsync(toClient,
        RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).putExtField("g", "G2"),
        10_000).get(10, TimeUnit.SECONDS);
    assertThat(async.remark()).isEqualTo("running G2");
    server.invokeOneway(toClient,
        RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED));
    assertThat(onewayReceived.await(5, TimeUnit.SECONDS)).isTrue();
    RemotingCommand unsupported = server.invokeSync(toClient,
        RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE), 10_000);
    assertThat(unsupported.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
  }

  @Test
  void shutdownStopsEveryThreadTheServerStarted() throws Exception {
    server.newProcessorExecutor("owned", 2, 10)
        .execute(() -> { });
    call(RemotingCommand.request(4242));
    client.shutdown();
    server.shutdown();
    await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("apogee-test")));
  }
}
