package io.apogeemq.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.support.EmbeddedNamesrv;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.namesrv.route.TopicRoute;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NameServerRegistrationIT {

  @TempDir
  Path dir;

  @Test
  void registersWithEveryNameServerAtStartOnTopicChangeAndUnregistersAtShutdown()
      throws Exception {
    try (EmbeddedNamesrv ns1 = new EmbeddedNamesrv(dir.resolve("ns1"));
        EmbeddedNamesrv ns2 = new EmbeddedNamesrv(dir.resolve("ns2"))) {
      Properties p = new Properties();
      p.setProperty("namesrvAddr", ns1.addr() + ";" + ns2.addr());
      BrokerServer broker = BrokerServer.create(TestBrokers.config(dir.resolve("store"), p),
          Clock.systemUTC());
      try (broker) {
        broker.start();
        for (EmbeddedNamesrv ns : new EmbeddedNamesrv[] {ns1, ns2}) {
          TopicRoute tbw = ns.server().services().routes().route("TBW102").orElseThrow();
          assertThat(tbw.queueDatas().get(0).perm()).isEqualTo(7);
          assertThat(tbw.brokerDatas().get(0).masterAddr()).isEqualTo(broker.endpoint().addr());
        }

        broker.topics().put(TopicConfig.of("CreatedLater", 5));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          for (EmbeddedNamesrv ns : new EmbeddedNamesrv[] {ns1, ns2}) {
            assertThat(ns.server().services().routes().route("CreatedLater"))
                .hasValueSatisfying(r ->
                    assertThat(r.queueDatas().get(0).writeQueueNums()).isEqualTo(5));
          }
        });
      }
      assertThat(ns1.server().services().routes().route("TBW102")).isEmpty();
      assertThat(ns2.server().services().routes().route("CreatedLater")).isEmpty();
    }
  }

  @Test
  void keepsServingWhenANameServerIsDown() throws Exception {
    try (EmbeddedNamesrv ns = new EmbeddedNamesrv(dir.resolve("ns"))) {
      Properties p = new Properties();
      p.setProperty("namesrvAddr", "127.0.0.1:1;" + ns.addr());
      p.setProperty("registerBrokerTimeoutMills", "2000");
      try (BrokerServer broker = BrokerServer.create(
          TestBrokers.config(dir.resolve("store"), p), Clock.systemUTC())) {
        broker.start();
        assertThat(ns.server().services().routes().route("TBW102")).isPresent();
      }
    }
  }
}
