package io.apogeemq.broker.compat;

import static io.apogeemq.broker.compat.OfficialClients.pushConsumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.compat.OfficialClients.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Committed offsets survive a consumer restart and a broker restart. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OffsetPersistenceIT {

  @TempDir Path dir;

  private static void consumeUntil(ConsumeCluster cluster, String topic, Received received,
      int expected) throws Exception {
    DefaultMQPushConsumer c = pushConsumer(cluster, "off-g", topic, "*", received);
    try {
      c.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> received.distinct() >= expected);
      Thread.sleep(300);
    } finally {
      c.shutdown(); // persists the consumed offsets to the broker
    }
  }

  @Test
  void aRestartedConsumerAndARestartedBrokerResumeFromTheCommittedOffsets() throws Exception {
    try (ConsumeCluster cluster = new ConsumeCluster(dir)) {
      cluster.createTopic("OffT", 2);
      for (int i = 0; i < 10; i++) {
        cluster.append("OffT", i % 2, null, "first-" + i);
      }
      Received first = new Received();
      consumeUntil(cluster, "OffT", first, 10);
      assertThat(first.distinct()).isEqualTo(10);
      assertThat(cluster.broker().topics().get("%RETRY%off-g")).isNotNull();

      for (int i = 0; i < 6; i++) {
        cluster.append("OffT", i % 2, null, "second-" + i);
      }
      Received second = new Received();
      consumeUntil(cluster, "OffT", second, 6);
      assertThat(second.counts.keySet()).allMatch(b -> b.startsWith("second-")).hasSize(6);

      cluster.restartBroker();
      cluster.createTopic("OffT", 2); // waits until the route points at the restarted broker
      for (int i = 0; i < 4; i++) {
        cluster.append("OffT", i % 2, null, "third-" + i);
      }
      Received third = new Received();
      consumeUntil(cluster, "OffT", third, 4);
      assertThat(third.counts.keySet()).allMatch(b -> b.startsWith("third-")).hasSize(4);
    }
  }
}
