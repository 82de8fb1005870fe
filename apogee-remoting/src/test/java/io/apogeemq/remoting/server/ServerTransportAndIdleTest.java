package io.apogeemq.remoting.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.apogeemq.remoting.netty.Transport;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.netty.channel.Channel;
import io.netty.channel.epoll.Epoll;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ServerTransportAndIdleTest {

  @Test
  void idleConnectionIsClosedAndBothEventsAreReported() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    ChannelEventListener listener = new ChannelEventListener() {
      @Override
      public void onIdle(String peer, Channel channel) {
        events.add("idle");
      }

      @Override
      public void onClose(String peer, Channel channel) {
        events.add("close");
      }
    };
    RemotingServer server = new RemotingServer("idle", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(1).withIdleSeconds(1), listener);
    try {
      server.start();
      try (RawConnection raw = new RawConnection(server.port())) {
        assertThat(raw.closedByPeer()).isTrue();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> events.equals(List.of("idle", "close")));
    } finally {
      server.shutdown();
    }
  }

  @Test
  void nioTransportServesWhenEpollIsNotWanted() throws Exception {
    RemotingServer server = new RemotingServer("nio", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(1).withPreferEpoll(false), null);
    server.registerDirectProcessor(1, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, "nio"));
    try {
      server.start();
      assertThat(server.transport()).isEqualTo(Transport.NIO);
      try (RawConnection raw = new RawConnection(server.port())) {
        raw.send(RemotingCommand.request(1).opaque(9));
        assertThat(raw.read().remark()).isEqualTo("nio");
      }
    } finally {
      server.shutdown();
    }
  }

  @Test
  void epollIsUsedWhereAvailable() {
    assertThat(Transport.select(true)).isEqualTo(Epoll.isAvailable() ? Transport.EPOLL
        : Transport.NIO);
  }

  @Test
  void listensOnAdditionalPortsAsWell() throws Exception {
    int extra;
    try (ServerSocket probe = new ServerSocket(0)) {
      extra = probe.getLocalPort();
    }
    RemotingServer server = new RemotingServer("two-ports", RemotingServerConfig.defaults(0)
        .withBindAddress("127.0.0.1").withIoThreads(1).withAdditionalPorts(List.of(extra)), null);
    server.registerDirectProcessor(1, (context, request) ->
        RemotingCommand.response(ResponseCode.SUCCESS, "ok"));
    try {
      server.start();
      assertThat(server.ports()).hasSize(2).contains(extra);
      for (int port : server.ports()) {
        try (RawConnection raw = new RawConnection(port)) {
          raw.send(RemotingCommand.request(1));
          assertThat(raw.read().remark()).isEqualTo("ok");
        }
      }
    } finally {
      server.shutdown();
    }
  }

  @Test
  void anAdditionalPortThatIsTakenIsSkippedAndTheMainPortServes() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      RemotingServer server = new RemotingServer("extra-taken", RemotingServerConfig.defaults(0)
          .withBindAddress("127.0.0.1").withIoThreads(1)
          .withAdditionalPorts(List.of(taken.getLocalPort())), null);
      server.registerDirectProcessor(1, (context, request) ->
          RemotingCommand.response(ResponseCode.SUCCESS, "ok"));
      try {
        server.start();
        assertThat(server.ports()).hasSize(1).doesNotContain(taken.getLocalPort());
        try (RawConnection raw = new RawConnection(server.port())) {
          raw.send(RemotingCommand.request(1));
          assertThat(raw.read().remark()).isEqualTo("ok");
        }
      } finally {
        server.shutdown();
      }
    }
  }

  @Test
  void bindFailureIsAClearErrorAndLeavesNoThreads() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      RemotingServer server = new RemotingServer("taken", RemotingServerConfig.defaults(
          taken.getLocalPort()).withBindAddress("127.0.0.1").withIoThreads(1), null);
      org.assertj.core.api.Assertions.assertThatThrownBy(server::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
      await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
          .stream().noneMatch(t -> t.getName().startsWith("apogee-taken")));
    }
  }
}
