package io.apogeemq.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.remoting.server.RemotingServer;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BrokerServerTest {

  @TempDir
  Path dir;

  @Test
  void startsOnFreePortAndStopsComponentsInReverseOrder() throws Exception {
    List<String> events = new ArrayList<>();
    BrokerServer broker = BrokerServer.create(TestBrokers.config(dir), Clock.systemUTC(),
        b -> List.of(new Recording("a", events), new Recording("b", events)));
    try (broker) {
      broker.start();
      assertThat(broker.endpoint().port()).isPositive();
      assertThat(broker.endpoint().addr()).isEqualTo("127.0.0.1:" + broker.endpoint().port());
      try (Socket s = new Socket("127.0.0.1", broker.endpoint().port())) {
        assertThat(s.isConnected()).isTrue();
      }
    }
    assertThat(events).containsExactly("install a", "install b", "start a", "start b",
        "shutdown b", "shutdown a");
  }

  @Test
  void createsSystemTopicsAndKeepsTopicsAcrossRestart() throws Exception {
    try (BrokerServer broker = BrokerServer.create(TestBrokers.config(dir), Clock.systemUTC())) {
      broker.start();
      assertThat(broker.topics().get("TBW102")).isNotNull();
      assertThat(broker.topics().get("SELF_TEST_TOPIC")).isNotNull();
      broker.topics().put(TopicConfig.of("Kept", 3));
    }
    try (BrokerServer broker = BrokerServer.create(TestBrokers.config(dir), Clock.systemUTC())) {
      broker.start();
      assertThat(broker.topics().get("Kept").writeQueueNums()).isEqualTo(3);
    }
  }

  @Test
  void removesTemplateTopicWhenAutoCreateIsDisabled() throws Exception {
    try (BrokerServer broker = BrokerServer.create(TestBrokers.config(dir), Clock.systemUTC())) {
      assertThat(broker.topics().get("TBW102")).isNotNull();
    }
    Properties off = new Properties();
    off.setProperty("autoCreateTopicEnable", "false");
    try (BrokerServer broker = BrokerServer.create(TestBrokers.config(dir, off),
        Clock.systemUTC())) {
      assertThat(broker.topics().get("TBW102")).isNull();
    }
  }

  @Test
  void refusesSecondStartAndClosesIdempotently() throws Exception {
    BrokerServer broker = BrokerServer.create(TestBrokers.config(dir), Clock.systemUTC());
    broker.start();
    assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    broker.close();
    broker.close();
  }

  private record Recording(String name, List<String> events) implements BrokerComponent {
    @Override
    public void install(RemotingServer server) {
      events.add("install " + name);
    }

    @Override
    public void start(BrokerEndpoint endpoint) {
      events.add("start " + name);
    }

    @Override
    public void shutdown() {
      events.add("shutdown " + name);
    }
  }
}
