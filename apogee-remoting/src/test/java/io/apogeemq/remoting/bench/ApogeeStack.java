package io.apogeemq.remoting.bench;

import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.remoting.server.RemotingServerConfig;

/** Apogee server + client over loopback. */
final class ApogeeStack implements Stack {

  static final int CODE = 1000;
  private static final byte[] RESPONSE_BODY = new byte[32];

  private final String name;
  private final RemotingServer server;
  private final RemotingClient client;
  private final String address;

  /** @param direct run the processor on the I/O thread instead of a processor executor */
  ApogeeStack(boolean direct) {
    this.name = direct ? "apogee(direct)" : "apogee(executor)";
    server = new RemotingServer("bench", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIdleSeconds(0), null);
    RequestProcessor processor = (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, null)
            .putExtField("queueOffset", request.extField("queueId")).body(RESPONSE_BODY);
    if (direct) {
      server.registerDirectProcessor(CODE, processor);
    } else {
      server.registerProcessor(CODE, processor, server.newProcessorExecutor("work", 8, 10_000));
    }
    server.start();
    address = "127.0.0.1:" + server.port();
    client = new RemotingClient("bench-client", RemotingClientConfig.defaults().withIdleSeconds(0),
        null);
    client.start();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void call() throws Exception {
    RemotingCommand request = RemotingCommand.request(CODE).putExtField("topic", "BenchTopic")
        .putExtField("queueId", "3");
    RemotingCommand response = client.invokeSync(address, request, 3_000);
    if (response.code() != ResponseCode.SUCCESS) {
      throw new IllegalStateException("unexpected " + response);
    }
  }

  @Override
  public void callAsync(java.util.function.Consumer<Throwable> done) {
    RemotingCommand request = RemotingCommand.request(CODE).putExtField("topic", "BenchTopic")
        .putExtField("queueId", "3");
    client.invokeAsync(address, request, 3_000).whenComplete((response, failure) ->
        done.accept(failure != null ? failure : response.code() == ResponseCode.SUCCESS ? null
            : new IllegalStateException("unexpected " + response)));
  }

  @Override
  public void close() {
    client.shutdown();
    server.shutdown();
  }
}
