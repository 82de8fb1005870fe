package io.apogeemq.remoting.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.remoting.server.RemotingServerConfig;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.InvokeCallback;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.ResponseFuture;
import org.apache.rocketmq.remoting.protocol.LanguageCode;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetResponseHeader;
import org.apache.rocketmq.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The official 5.3.3 {@code NettyRemotingClient} talks to an Apogee {@link RemotingServer}. */
@Timeout(60)
class OfficialClientToApogeeServerIT {

  private static final int ONEWAY_CODE = 2001;
  private static RemotingServer server;
  private static NettyRemotingClient official;
  private static String address;
  private static final List<Channel> clientChannels = new CopyOnWriteArrayList<>();
  private static final List<String> onewayTopics = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    server = new RemotingServer("compat", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(2), null);
    server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (context, request) -> {
      clientChannels.add(context.channel());
      String topic = HeaderReader.of(request).requireString("topic");
      return RemotingCommand.response(ResponseCode.SUCCESS, null)
          .body(("route of " + topic).getBytes(StandardCharsets.UTF_8));
    }, server.newProcessorExecutor("route", 2, 1000));
    server.registerDirectProcessor(RequestCode.QUERY_CONSUMER_OFFSET, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, null).putExtField("offset", 4242L));
    server.registerDirectProcessor(ONEWAY_CODE, (context, request) -> {
      onewayTopics.add(request.extField("topic"));
      throw new IllegalStateException("oneway requests are never answered, even on error");
    });
    server.start();
    address = "127.0.0.1:" + server.port();
    NettyClientConfig config = new NettyClientConfig();
    config.setClientWorkerThreads(2);
    config.setClientCallbackExecutorThreads(2);
    official = new NettyRemotingClient(config);
    official.start();
  }

  @AfterAll
  static void stop() {
    official.shutdown();
    server.shutdown();
  }

  private static org.apache.rocketmq.remoting.protocol.RemotingCommand routeRequest(
      String topic, SerializeType type) {
    GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
    header.setTopic(topic);
    org.apache.rocketmq.remoting.protocol.RemotingCommand request =
        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
            RequestCode.GET_ROUTEINFO_BY_TOPIC, header);
    request.setSerializeTypeCurrentRPC(type);
    return request;
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void officialSyncCallGetsAnAnswerWithRealisticVersionAndLanguage(SerializeType type)
      throws Exception {
    org.apache.rocketmq.remoting.protocol.RemotingCommand response =
        official.invokeSync(address, routeRequest("Sync" + type, type), 10_000);
    assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(new String(response.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("route of Sync" + type);
    assertThat(response.getVersion()).isEqualTo(479);
    assertThat(response.getLanguage()).isEqualTo(LanguageCode.JAVA);
    assertThat(response.isResponseType()).isTrue();
    assertThat(response.getSerializeTypeCurrentRPC()).isEqualTo(type);
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void officialAsyncCallGetsItsOwnAnswer(SerializeType type) throws Exception {
    List<CompletableFuture<org.apache.rocketmq.remoting.protocol.RemotingCommand>> answers =
        new CopyOnWriteArrayList<>();
    for (int i = 0; i < 50; i++) {
      CompletableFuture<org.apache.rocketmq.remoting.protocol.RemotingCommand> answer =
          new CompletableFuture<>();
      answers.add(answer);
      official.invokeAsync(address, routeRequest("Async" + i, type), 10_000,
          new InvokeCallback() {
            @Override
            public void operationComplete(ResponseFuture responseFuture) {
            }

            @Override
            public void operationSucceed(
                org.apache.rocketmq.remoting.protocol.RemotingCommand response) {
              answer.complete(response);
            }

            @Override
            public void operationFail(Throwable throwable) {
              answer.completeExceptionally(throwable);
            }
          });
    }
    for (int i = 0; i < 50; i++) {
      assertThat(new String(answers.get(i).get(10, TimeUnit.SECONDS).getBody(),
          StandardCharsets.UTF_8)).isEqualTo("route of Async" + i);
    }
  }

  @ParameterizedTest
  @EnumSource(SerializeType.class)
  void officialOnewayCallArrivesAndIsNotAnswered(SerializeType type) throws Exception {
    org.apache.rocketmq.remoting.protocol.RemotingCommand request =
        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
            ONEWAY_CODE, null);
    request.addExtField("topic", "oneway-" + type);
    request.setSerializeTypeCurrentRPC(type);
    official.invokeOneway(address, request, 10_000);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> onewayTopics.contains("oneway-" + type));
    // the connection stays healthy: the next sync call is answered with its own opaque
    assertThat(official.invokeSync(address, routeRequest("after", type), 10_000).getCode())
        .isEqualTo(ResponseCode.SUCCESS);
  }

  @Test
  void officialClientDecodesTypedResponseHeadersAndErrors() throws Exception {
    org.apache.rocketmq.remoting.protocol.RemotingCommand offset = official.invokeSync(address,
        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
            RequestCode.QUERY_CONSUMER_OFFSET, null), 10_000);
    assertThat(offset.decodeCommandCustomHeader(QueryConsumerOffsetResponseHeader.class)
        .getOffset()).isEqualTo(4242L);

    org.apache.rocketmq.remoting.protocol.RemotingCommand unknown = official.invokeSync(address,
        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(9999, null),
        10_000);
    assertThat(unknown.getCode()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    assertThat(unknown.getRemark()).isEqualTo(" request type 9999 not supported");

    org.apache.rocketmq.remoting.protocol.RemotingCommand missing = official.invokeSync(address,
        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
            RequestCode.GET_ROUTEINFO_BY_TOPIC, null), 10_000);
    assertThat(missing.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(missing.getRemark()).contains("'topic'").contains("105");
  }

  @Test
  void apogeeServerCallsTheOfficialClientBack() throws Exception {
    CountDownLatch notified = new CountDownLatch(1);
    official.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, new NettyRequestProcessor() {
      @Override
      public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(
          io.netty.channel.ChannelHandlerContext ctx,
          org.apache.rocketmq.remoting.protocol.RemotingCommand request) {
        return org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(
            ResponseCode.SUCCESS, "running " + request.getExtFields().get("consumerGroup"));
      }

      @Override
      public boolean rejectRequest() {
        return false;
      }
    }, null);
    official.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
        new NettyRequestProcessor() {
          @Override
          public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(
              io.netty.channel.ChannelHandlerContext ctx,
              org.apache.rocketmq.remoting.protocol.RemotingCommand request) {
            notified.countDown();
            return null;
          }

          @Override
          public boolean rejectRequest() {
            return false;
          }
        }, null);
    official.invokeSync(address, routeRequest("callback", SerializeType.JSON), 10_000);
    Channel toClient = clientChannels.get(clientChannels.size() - 1);
    RemotingCommand sync = server.invokeSync(toClient,
        RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
            .putExtField("consumerGroup", "G"), 10_000);
    assertThat(sync.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(sync.remark()).isEqualTo("running G");
    RemotingCommand async = server.invokeAsync(toClient,
        RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
            .putExtField("consumerGroup", "H")
            .serializeType(io.apogeemq.remoting.protocol.SerializeType.ROCKETMQ), 10_000)
        .get(10, TimeUnit.SECONDS);
    assertThat(async.remark()).isEqualTo("running H");
    server.invokeOneway(toClient, RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
        .putExtField("consumerGroup", "G"));
    assertThat(notified.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
