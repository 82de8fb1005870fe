package io.apogeemq.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogeemq.testkit.OfficialRocketMq;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two commands whose Apogee broker side is built on other branches, against the official
 * 5.3.3 broker: updateBrokerConfig and resetOffsetByTime (the integrator re-runs them against
 * Apogee after the merge; AdminCommandsIT covers Apogee's answers on this branch).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OfficialBrokerAdminIT {

  @Test
  void updateBrokerConfigAndResetOffsetByTimeWorkAgainstTheOfficialBroker() throws Exception {
    try (OfficialRocketMq rmq = OfficialRocketMq.start()) {
      String ns = rmq.namesrvAddress();
      CliRun update = CliRun.of("admin", "updateBrokerConfig", "-n", ns, "-b",
          rmq.brokerAddress(), "-k", "slaveReadEnable", "-v", "true", "--timeoutMillis=10000");
      assertThat(update.code()).as(update.toString()).isZero();
      CliRun conf = CliRun.of("admin", "getBrokerConfig", "-n", ns, "-b", rmq.brokerAddress(),
          "--json", "--timeoutMillis=10000");
      assertThat(conf.code()).as(conf.toString()).isZero();
      assertThat(conf.json().path("slaveReadEnable").asText()).isEqualTo("true");

      CliRun created = CliRun.of("admin", "updateTopic", "-n", ns, "-c", rmq.clusterName(),
          "-t", "OffReset", "-r", "1", "-w", "1", "--timeoutMillis=10000");
      assertThat(created.code()).as(created.toString()).isZero();
      long before = System.currentTimeMillis() - 1000;
      DefaultMQProducer p = new DefaultMQProducer("pg-off");
      p.setNamesrvAddr(ns);
      p.setInstanceName("off-" + UUID.randomUUID());
      p.start();
      try {
        for (int i = 0; i < 3; i++) {
          p.send(new Message("OffReset", ("m" + i).getBytes(StandardCharsets.UTF_8)));
        }
      } finally {
        p.shutdown();
      }
      CountDownLatch first = new CountDownLatch(3);
      AtomicInteger seen = new AtomicInteger();
      DefaultMQPushConsumer c = new DefaultMQPushConsumer("cg-off");
      c.setNamesrvAddr(ns);
      c.setInstanceName("off-" + UUID.randomUUID());
      c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
      c.setPersistConsumerOffsetInterval(200);
      c.subscribe("OffReset", "*");
      c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
        msgs.forEach(m -> {
          seen.incrementAndGet();
          first.countDown();
        });
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
      });
      c.start();
      try {
        assertThat(first.await(90, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1500);
        CliRun reset = CliRun.of("admin", "resetOffsetByTime", "-n", ns, "-g", "cg-off", "-t",
            "OffReset", "-s", "" + before, "--json", "--timeoutMillis=10000");
        assertThat(reset.code()).as(reset.toString()).isZero();
        JsonNode queues = reset.json().path("queues");
        assertThat(queues).hasSize(1);
        assertThat(queues.get(0).path("offset").asLong()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.get() < 6 && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertThat(seen.get()).as("redelivered after the reset").isGreaterThanOrEqualTo(6);
      } finally {
        c.shutdown();
      }
    }
  }
}
