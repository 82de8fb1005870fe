package io.apogeemq.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.consumer.ConsumeResult;
import io.apogeemq.client.consumer.PushConsumer;
import io.apogeemq.client.consumer.PushConsumerConfig;
import io.apogeemq.client.consumer.StartPosition;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import io.apogeemq.testkit.TargetCluster;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker restarts while a producer sends and a consumer consumes. */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BrokerRestartIT {

  static TargetCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterFixture.cluster();
  }

  @Test
  void noAcknowledgedMessageIsLostAndConsumptionResumesAfterARestart() throws Exception {
    String topic = ClusterFixture.unique("restart");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> consumed = ConcurrentHashMap.newKeySet();
    AtomicInteger failedSends = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    try (ApogeeClient client = ClusterFixture.client(cluster);
         Producer producer = client.producer(ProducerConfig.defaults("apogee-it-restart")
             .withSendTimeout(Duration.ofSeconds(3)));
         ApogeeClient consumerClient = ClusterFixture.client(cluster)) {
      // a fresh broker may be slow to create the topic: the first send gets a few chances
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> producer.send(Message.builder(topic).body("create").build()) != null);
      acknowledged.add("create");
      PushConsumer consumer = consumerClient.pushConsumer(PushConsumerConfig
          .builder(ClusterFixture.unique("cg-restart")).subscribe(topic, "*")
          .start(StartPosition.first()).rebalanceInterval(Duration.ofSeconds(2))
          .persistInterval(Duration.ofSeconds(1)).longPollTimeout(Duration.ofSeconds(5)).build(),
          batch -> {
            batch.forEach(m -> consumed.add(m.bodyText()));
            return ConsumeResult.SUCCESS;
          });
      Thread sender = new Thread(() -> {
        int i = 0;
        while (sending.get()) {
          String body = "m-" + i++;
          try {
            producer.send(Message.builder(topic).body(body).build());
            acknowledged.add(body);
          } catch (ClientException e) {
            failedSends.incrementAndGet();
            try {
              Thread.sleep(100);
            } catch (InterruptedException ie) {
              return;
            }
          }
        }
      }, "it-restart-sender");
      sender.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> consumed.size() >= 50);

      cluster.restartBroker();
      int ackedAtRestart = acknowledged.size();
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() > ackedAtRestart + 50);
      sending.set(false);
      sender.join(10_000);

      await().atMost(Duration.ofSeconds(90)).until(() -> consumed.containsAll(acknowledged));
      assertThat(consumed).containsAll(acknowledged);
      assertThat(failedSends.get()).as("some sends failed while the broker was down").isPositive();
      consumer.close();
    }
  }
}
