package io.apogeemq.remoting.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.netty.NettyRemotingServer;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Apogee {@link RemotingClient} talks to the official 5.3.3 {@code NettyRemotingServer}. */
@Timeout(60)
class ApogeeClientToOfficialServerIT {

  private static NettyRemotingServer official;
  private static ExecutorService officialExecutor;
  private static RemotingClient client;
  private static String address;
  private static final List<String> onewayTopics = new CopyOnWriteArrayList<>();
  private static final List<Channel> officialSideChannels = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    NettyServerConfig config = new NettyServerConfig();
    config.setListenPort(0);
    config.setServerWorkerThreads(2);
    config.setServerSelectorThreads(1);
    config.setServerCallbackExecutorThreads(2);
    official = new NettyRemotingServer(config);
    officialExecutor = Executors.newFixedThreadPool(2);
    official.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, new NettyRequestProcessor() {
      @Override
      public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(
          io.netty.channel.ChannelHandlerContext ctx,
          org.apache.rocketmq.remoting.protocol.RemotingCommand request) throws Exception {
        officialSideChannels.add(ctx.channel());
        GetRouteInfoRequestHeader header =
            request.decodeCommandCustomHeader(GetRouteInfoRequestHeader.class);
        if (request.isOnewayRPC()) {
          onewayTopics.add(header.getTopic());
          return null;
        }
        org.apache.rocketmq.remoting.protocol.RemotingCommand response =
            org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(
                ResponseCode.SUCCESS, "from official");
        response.setBody(("route of " + header.getTopic()).getBytes(StandardCharsets.UTF_8));
        return response;
      }

      @Override
      public boolean rejectRequest() {
        return false;
      }
    }, officialExecutor);
    official.start();
    address = "127.0.0.1:" + official.localListenPort();
    client = new RemotingClient("compat-client", RemotingClientConfig.defaults().withIoThreads(1),
        null);
    client.start();
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    official.shutdown();
    officialExecutor.shutdownNow();
  }

  private static RemotingCommand routeRequest(String topic, SerializeType type) {
    return RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putExtField("topic", topic)
        .serializeType(type);
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void syncCallIsAnsweredByTheOfficialServer(SerializeType type) throws Exception {
    RemotingCommand response = client.invokeSync(address, routeRequest("S" + type, type), 10_000);
    assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(response.remark()).isEqualTo("from official");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("route of S" + type);
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void asyncCallsAreAnsweredAndMatched(SerializeType type) throws Exception {
    List<CompletableFuture<RemotingCommand>> calls = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(client.invokeAsync(address, routeRequest("A" + i, type), 10_000));
    }
    for (int i = 0; i < 50; i++) {
      assertThat(new String(calls.get(i).get(10, TimeUnit.SECONDS).body(),
          StandardCharsets.UTF_8)).isEqualTo("route of A" + i);
    }
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void onewayCallArrives(SerializeType type) throws Exception {
    client.invokeOneway(address, routeRequest("oneway-" + type, type), 10_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> onewayTopics.contains("oneway-" + type));
  }

  @Test
  void unknownCodeIsReportedByTheOfficialServer() throws Exception {
    RemotingCommand response = client.invokeSync(address, RemotingCommand.request(9999), 10_000);
    assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
  }

  @Test
  void officialServerCallsTheApogeeClientBack() throws Exception {
    client.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, "checked " + request.extField("msgId")),
        null);
    client.invokeSync(address, routeRequest("callback", SerializeType.JSON), 10_000);
    Channel toClient = officialSideChannels.get(officialSideChannels.size() - 1);
    org.apache.rocketmq.remoting.protocol.RemotingCommand request =
        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
            RequestCode.CHECK_TRANSACTION_STATE, null);
    request.addExtField("msgId", "M1");
    org.apache.rocketmq.remoting.protocol.RemotingCommand response =
        official.invokeSync(toClient, request, 10_000);
    assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(response.getRemark()).isEqualTo("checked M1");
    assertThat(response.getVersion()).isEqualTo(479);
  }
}
