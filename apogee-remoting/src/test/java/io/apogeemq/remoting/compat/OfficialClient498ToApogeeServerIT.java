package io.apogeemq.remoting.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.remoting.server.RemotingServerConfig;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official 4.9.8 {@code NettyRemotingClient} (its own class loader: same class names as the
 * 5.3.3 test dependency) calls an Apogee server, JSON and ROCKETMQ, sync and oneway.
 */
@Timeout(60)
class OfficialClient498ToApogeeServerIT {

  @Test
  void rocketmq498ClientIsServed() throws Exception {
    List<String> oneways = new CopyOnWriteArrayList<>();
    RemotingServer server = new RemotingServer("compat498", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(1), null);
    server.registerDirectProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (context, request) -> {
      String topic = HeaderReader.of(request).requireString("topic");
      if (request.isOneway()) {
        oneways.add(topic);
        return null;
      }
      return RemotingCommand.response(ResponseCode.SUCCESS, "v" + request.version())
          .body(topic.getBytes(StandardCharsets.UTF_8));
    });
    URL[] jars;
    try (Stream<Path> files = Files.list(Path.of("target", "rocketmq4"))) {
      jars = files.map(path -> {
        try {
          return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }).toArray(URL[]::new);
    }
    assertThat(jars).hasSize(4);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    // not closed: the 4.9.8 client's threads may still load classes while they wind down
    URLClassLoader loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
    try {
      Thread.currentThread().setContextClassLoader(loader);
      server.start();
      String address = "127.0.0.1:" + server.port();
      Class<?> configClass = loader.loadClass("org.apache.rocketmq.remoting.netty.NettyClientConfig");
      Class<?> clientClass =
          loader.loadClass("org.apache.rocketmq.remoting.netty.NettyRemotingClient");
      Class<?> commandClass =
          loader.loadClass("org.apache.rocketmq.remoting.protocol.RemotingCommand");
      Class<?> headerClass = loader.loadClass("org.apache.rocketmq.remoting.CommandCustomHeader");
      @SuppressWarnings({"unchecked", "rawtypes"})
      Class<Enum> serializeType = (Class<Enum>) loader.loadClass(
          "org.apache.rocketmq.remoting.protocol.SerializeType");
      Object client = clientClass.getConstructor(configClass)
          .newInstance(configClass.getConstructor().newInstance());
      clientClass.getMethod("start").invoke(client);
      try {
        Method create = commandClass.getMethod("createRequestCommand", int.class, headerClass);
        Method addExt = commandClass.getMethod("addExtField", String.class, String.class);
        Method setType = commandClass.getMethod("setSerializeTypeCurrentRPC", serializeType);
        Method sync = clientClass.getMethod("invokeSync", String.class, commandClass, long.class);
        Method oneway = clientClass.getMethod("invokeOneway", String.class, commandClass,
            long.class);
        for (String type : new String[] {"JSON", "ROCKETMQ"}) {
          @SuppressWarnings("unchecked")
          Object typeValue = Enum.valueOf(serializeType, type);
          Object request = create.invoke(null, RequestCode.GET_ROUTEINFO_BY_TOPIC, null);
          addExt.invoke(request, "topic", "T498-" + type);
          setType.invoke(request, typeValue);
          Object response = sync.invoke(client, address, request, 10_000L);
          assertThat(commandClass.getMethod("getCode").invoke(response))
              .isEqualTo(ResponseCode.SUCCESS);
          // the bare 4.9.8 remoting jar sends version 0: rocketmq-client sets the real one
          assertThat(commandClass.getMethod("getRemark").invoke(response)).isEqualTo("v0");
          assertThat(new String((byte[]) commandClass.getMethod("getBody").invoke(response),
              StandardCharsets.UTF_8)).isEqualTo("T498-" + type);
          assertThat(commandClass.getMethod("getVersion").invoke(response)).isEqualTo(479);

          Object onewayRequest = create.invoke(null, RequestCode.GET_ROUTEINFO_BY_TOPIC, null);
          addExt.invoke(onewayRequest, "topic", "oneway-" + type);
          setType.invoke(onewayRequest, typeValue);
          oneway.invoke(client, address, onewayRequest, 10_000L);
          await().atMost(Duration.ofSeconds(5)).until(() -> oneways.contains("oneway-" + type));
        }
      } finally {
        clientClass.getMethod("shutdown").invoke(client);
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      server.shutdown();
    }
  }
}
