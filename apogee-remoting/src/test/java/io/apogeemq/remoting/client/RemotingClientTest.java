package io.apogeemq.remoting.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogeemq.remoting.dispatch.RemotingHook;
import io.apogeemq.remoting.exception.RemotingConnectException;
import io.apogeemq.remoting.exception.RemotingSendException;
import io.apogeemq.remoting.exception.RemotingTimeoutException;
import io.apogeemq.remoting.exception.RemotingTooMuchRequestException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.remoting.server.RemotingServerConfig;
import io.netty.channel.Channel;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RemotingClientTest {

  private static final int ECHO = 1000;
  private static final int SLOW = 1001;
  private static final int HOLD = 1002;

  private final CountDownLatch releaseHeld = new CountDownLatch(1);
  private final List<RemotingCommand> onewaysReceived = new CopyOnWriteArrayList<>();
  private RemotingServer server;
  private RemotingClient client;
  private String address;

  @BeforeEach
  void start() {
    server = new RemotingServer("client-test-server",
        RemotingServerConfig.defaults(0).withBindAddress("127.0.0.1").withIoThreads(1), null);
    server.registerDirectProcessor(ECHO, (context, request) -> {
      if (request.isOneway()) {
        onewaysReceived.add(request);
        return null;
      }
      return RemotingCommand.response(ResponseCode.SUCCESS, request.extField("say"))
          .body(request.body());
    });
    server.registerProcessor(SLOW, (context, request) -> {
      Thread.sleep(Long.parseLong(request.extField("sleep")));
      return RemotingCommand.response(ResponseCode.SUCCESS, "late");
    }, server.newProcessorExecutor("slow", 2, 100));
    server.registerProcessor(HOLD, (context, request) -> {
      releaseHeld.await(20, TimeUnit.SECONDS);
      return RemotingCommand.response(ResponseCode.SUCCESS, "released");
    }, server.newProcessorExecutor("hold", 4, 100));
    server.start();
    address = "127.0.0.1:" + server.port();
    client = new RemotingClient("client-test", RemotingClientConfig.defaults().withIoThreads(1)
        .withMaxOutstandingAsync(2), null);
    client.start();
  }

  @AfterEach
  void stop() {
    releaseHeld.countDown();
    client.shutdown();
    server.shutdown();
  }

  @Test
  void syncAsyncAndOnewayCallsReachTheServer() throws Exception {
    RemotingCommand sync = client.invokeSync(address,
        RemotingCommand.request(ECHO).putExtField("say", "hi").body(new byte[] {5}), 10_000);
    assertThat(sync.remark()).isEqualTo("hi");
    assertThat(sync.body()).containsExactly(5);
    RemotingCommand async = client.invokeAsync(address,
        RemotingCommand.request(ECHO).putExtField("say", "there"), 10_000)
        .get(10, TimeUnit.SECONDS);
    assertThat(async.remark()).isEqualTo("there");
    client.invokeOneway(address, RemotingCommand.request(ECHO).putExtField("say", "1way"), 10_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> onewaysReceived.size() == 1);
    assertThat(onewaysReceived.get(0).isOneway()).isTrue();
  }

  @Test
  void manyConcurrentRequestsShareOneConnectionAndAreMatchedByOpaque() throws Exception {
    RemotingClient wide = new RemotingClient("client-test-wide", RemotingClientConfig.defaults()
        .withIoThreads(1), null);
    wide.start();
    try {
      List<CompletableFuture<RemotingCommand>> calls = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 500; i++) {
        calls.add(wide.invokeAsync(address,
            RemotingCommand.request(ECHO).putExtField("say", "n" + i), 5_000));
      }
      for (int i = 0; i < 500; i++) {
        assertThat(calls.get(i).get(10, TimeUnit.SECONDS).remark()).isEqualTo("n" + i);
      }
      assertThat(server.connectionCount()).isEqualTo(1);
      assertThat(wide.pendingRequests()).isZero();
    } finally {
      wide.shutdown();
    }
  }

  @Test
  void syncTimeoutThrowsAndTheLateResponseIsDropped() throws Exception {
    assertThatThrownBy(() -> client.invokeSync(address,
        RemotingCommand.request(SLOW).putExtField("sleep", "600"), 200))
        .isInstanceOf(RemotingTimeoutException.class)
        .hasMessageContaining("request code 1001").hasMessageContaining(address);
    Thread.sleep(700);
    assertThat(client.pendingRequests()).isZero();
    RemotingCommand next = client.invokeSync(address,
        RemotingCommand.request(ECHO).putExtField("say", "after"), 10_000);
    assertThat(next.remark()).isEqualTo("after");
  }

  @Test
  void asyncTimeoutFailsTheFutureAndReleasesItsPermit() throws Exception {
    CompletableFuture<RemotingCommand> call = client.invokeAsync(address,
        RemotingCommand.request(SLOW).putExtField("sleep", "600"), 150);
    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RemotingTimeoutException.class);
    for (int i = 0; i < 4; i++) {
      assertThat(client.invokeAsync(address, RemotingCommand.request(ECHO), 10_000)
          .get(10, TimeUnit.SECONDS).code()).isEqualTo(ResponseCode.SUCCESS);
    }
  }

  @Test
  void outstandingAsyncRequestsAreBounded() throws Exception {
    CompletableFuture<RemotingCommand> first = client.invokeAsync(address,
        RemotingCommand.request(HOLD), 10_000);
    CompletableFuture<RemotingCommand> second = client.invokeAsync(address,
        RemotingCommand.request(HOLD), 10_000);
    CompletableFuture<RemotingCommand> third = client.invokeAsync(address,
        RemotingCommand.request(HOLD), 10_000);
    assertThatThrownBy(() -> third.get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RemotingTooMuchRequestException.class);
    releaseHeld.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).remark()).isEqualTo("released");
    assertThat(second.get(10, TimeUnit.SECONDS).remark()).isEqualTo("released");
    assertThat(client.invokeAsync(address, RemotingCommand.request(ECHO), 10_000)
        .get(10, TimeUnit.SECONDS).code()).isEqualTo(ResponseCode.SUCCESS);
  }

  @Test
  void reconnectsOnTheNextCallAfterTheConnectionClosed() throws Exception {
    Channel first = client.channel(address, 10_000);
    client.invokeSync(address, RemotingCommand.request(ECHO), 10_000);
    first.close().sync();
    RemotingCommand again = client.invokeSync(address,
        RemotingCommand.request(ECHO).putExtField("say", "back"), 10_000);
    assertThat(again.remark()).isEqualTo("back");
    assertThat(client.channel(address, 10_000)).isNotSameAs(first);
  }

  @Test
  void pendingRequestsFailAtOnceWhenTheConnectionCloses() throws Exception {
    CompletableFuture<RemotingCommand> held = client.invokeAsync(address,
        RemotingCommand.request(HOLD), 10_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> client.pendingRequests() == 1);
    client.closeChannel(address);
    assertThatThrownBy(() -> held.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RemotingSendException.class)
        .hasMessageContaining("closed before the response");
  }

  @Test
  void connectingToAClosedPortFailsWithTheAddress() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + freePort;
    assertThatThrownBy(() -> client.invokeSync(nowhere, RemotingCommand.request(ECHO), 2_000))
        .isInstanceOf(RemotingConnectException.class).hasMessageContaining(nowhere);
    assertThatThrownBy(() -> client.invokeSync("no-port", RemotingCommand.request(ECHO), 2_000))
        .isInstanceOf(RemotingConnectException.class).hasMessageContaining("host:port");
  }

  @Test
  void hooksSignRequestsAndSeeResponses() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    client.addHook(new RemotingHook() {
      @Override
      public void beforeRequest(String peer, RemotingCommand request) {
        request.putExtField("say", "signed");
      }

      @Override
      public void afterResponse(String peer, RemotingCommand request, RemotingCommand response) {
        seen.add(peer + " " + response.remark());
      }
    });
    assertThat(client.invokeSync(address, RemotingCommand.request(ECHO), 10_000).remark())
        .isEqualTo("signed");
    assertThat(seen).containsExactly(address + " signed");
  }

  @Test
  void syncCallOnAnIoThreadIsRefusedInsteadOfDeadlocking() throws Exception {
    Channel channel = client.channel(address, 10_000);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    channel.eventLoop().execute(() -> {
      try {
        client.invokeSync(address, RemotingCommand.request(ECHO), 1_000);
        outcome.complete(null);
      } catch (Throwable e) {
        outcome.complete(e);
      }
    });
    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
  }
}
