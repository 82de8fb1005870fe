package io.apogeemq.remoting.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRemotingServer;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/** The official rocketmq-remoting 5.3.3 server + client over loopback, default settings. */
final class OfficialStack implements Stack {

  private static final byte[] RESPONSE_BODY = new byte[32];

  private final NettyRemotingServer server;
  private final NettyRemotingClient client;
  private final ExecutorService executor;
  private final String address;

  OfficialStack() {
    NettyServerConfig serverConfig = new NettyServerConfig();
    serverConfig.setListenPort(0);
    server = new NettyRemotingServer(serverConfig);
    executor = Executors.newFixedThreadPool(8);
    server.registerProcessor(ApogeeStack.CODE, new NettyRequestProcessor() {
      @Override
      public RemotingCommand processRequest(io.netty.channel.ChannelHandlerContext ctx,
          RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(0, null);
        response.addExtField("queueOffset", request.getExtFields().get("queueId"));
        response.setBody(RESPONSE_BODY);
        return response;
      }

      @Override
      public boolean rejectRequest() {
        return false;
      }
    }, executor);
    server.start();
    address = "127.0.0.1:" + server.localListenPort();
    client = new NettyRemotingClient(new NettyClientConfig());
    client.start();
  }

  @Override
  public String name() {
    return "official";
  }

  @Override
  public void call() throws Exception {
    RemotingCommand request = RemotingCommand.createRequestCommand(ApogeeStack.CODE, null);
    request.addExtField("topic", "BenchTopic");
    request.addExtField("queueId", "3");
    RemotingCommand response = client.invokeSync(address, request, 3_000);
    if (response.getCode() != 0) {
      throw new IllegalStateException("unexpected " + response);
    }
  }

  @Override
  public void callAsync(java.util.function.Consumer<Throwable> done) {
    RemotingCommand request = RemotingCommand.createRequestCommand(ApogeeStack.CODE, null);
    request.addExtField("topic", "BenchTopic");
    request.addExtField("queueId", "3");
    try {
      client.invokeAsync(address, request, 3_000, new org.apache.rocketmq.remoting.InvokeCallback() {
        @Override
        public void operationComplete(org.apache.rocketmq.remoting.netty.ResponseFuture future) {
        }

        @Override
        public void operationSucceed(RemotingCommand response) {
          done.accept(response.getCode() == 0 ? null
              : new IllegalStateException("unexpected " + response));
        }

        @Override
        public void operationFail(Throwable throwable) {
          done.accept(throwable);
        }
      });
    } catch (Exception e) {
      done.accept(e);
    }
  }

  @Override
  public void close() {
    client.shutdown();
    server.shutdown();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
