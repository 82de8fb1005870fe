package io.apogeemq.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.SendResult;
import io.apogeemq.client.message.SendStatus;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import io.apogeemq.testkit.TargetCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The NameServer is down when the client starts, then comes up on the same address. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NameServerRecoveryIT {

  static TargetCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterFixture.cluster();
  }

  @Test
  void clientStartedWhileTheNameServerIsDownFailsClearlyThenRecoversWhenItComesUp()
      throws Exception {
    String topic = ClusterFixture.unique("ns-recovery");
    cluster.stopNamesrv();
    try {
      try (ApogeeClient client = ApogeeClient.start(ClientConfig.builder()
          .namesrv(cluster.namesrvAddress()).clientIp("127.0.0.1")
          .requestTimeout(Duration.ofSeconds(1)).routeRefreshInterval(Duration.ofSeconds(1))
          .build());
           Producer producer = client.producer(ProducerConfig.defaults("apogee-it-ns-recovery")
               .withSendTimeout(Duration.ofSeconds(3)))) {
        assertThatThrownBy(() -> producer.send(Message.of(topic,
            "early".getBytes(StandardCharsets.UTF_8))))
            .isInstanceOf(ClientException.class)
            .hasMessageContaining("no NameServer answered")
            .hasMessageContaining(cluster.namesrvAddress());

        cluster.startNamesrv();
        AtomicReference<SendResult> sent = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .ignoreExceptions().until(() -> {
              sent.set(producer.send(Message.of(topic,
                  "after".getBytes(StandardCharsets.UTF_8))));
              return true;
            });
        assertThat(sent.get().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(producer.send(Message.of(topic, "again".getBytes(StandardCharsets.UTF_8)))
            .status()).isEqualTo(SendStatus.SEND_OK);
      }
    } finally {
      restartIfDown();
    }
  }

  private static void restartIfDown() {
    try {
      cluster.startNamesrv();
    } catch (IllegalStateException alreadyRunning) {
      // the test brought it back
    } catch (Exception e) {
      throw new IllegalStateException("could not restart the NameServer of " + cluster, e);
    }
  }
}
