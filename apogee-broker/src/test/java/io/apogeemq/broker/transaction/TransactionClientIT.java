package io.apogeemq.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.support.LocalCluster;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.client.message.Message;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import io.apogeemq.client.producer.TransactionResult;
import io.apogeemq.client.producer.TransactionState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Apogee client's transaction API ({@code Producer.sendInTransaction}) against this broker. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TransactionClientIT {

  @Test
  void commitRollbackAndAnUnknownOutcomeResolvedByTheClientsChecker() throws Exception {
    Properties p = new Properties();
    p.setProperty("transactionCheckInterval", "500");
    p.setProperty("transactionTimeOut", "1000");
    try (LocalCluster cluster = new LocalCluster(p);
        ApogeeClient client = ApogeeClient.start(ClientConfig.builder()
            .namesrv(cluster.namesrvAddr()).instanceName("tx-client-it")
            .heartbeatInterval(Duration.ofSeconds(2)).build())) {
      cluster.broker().topics().put(TopicConfig.of("TxClient", 2));
      Set<String> checked = ConcurrentHashMap.newKeySet();
      Producer tx = client.transactionProducer(ProducerConfig.defaults("apogee-tx-pg"), half -> {
        checked.add(half.bodyText());
        return TransactionState.COMMIT;
      });
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
          tx.sendInTransaction(msg("commit-1"), (m, half) -> TransactionState.COMMIT).state()
              == TransactionState.COMMIT);
      TransactionResult rollback = tx.sendInTransaction(msg("rollback-1"),
          (m, half) -> TransactionState.ROLLBACK);
      assertThat(rollback.state()).isEqualTo(TransactionState.ROLLBACK);
      TransactionResult unknown = tx.sendInTransaction(msg("unknown-1"), (m, half) -> {
        throw new IllegalStateException("local transaction crashed");
      });
      assertThat(unknown.state()).isEqualTo(TransactionState.UNKNOWN);
      assertThat(unknown.half().transactionId()).isNotBlank();

      await().atMost(Duration.ofSeconds(30)).until(() -> bodies(cluster).contains("unknown-1"));
      Thread.sleep(1000);
      assertThat(bodies(cluster)).containsExactlyInAnyOrder("commit-1", "unknown-1");
      assertThat(checked).containsExactly("unknown-1");
    }
  }

  private static Message msg(String body) {
    return Message.of("TxClient", body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> bodies(LocalCluster cluster) {
    return cluster.readAll("TxClient").stream()
        .map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
  }
}
