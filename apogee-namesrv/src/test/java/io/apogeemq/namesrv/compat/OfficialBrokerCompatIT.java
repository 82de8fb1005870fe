package io.apogeemq.namesrv.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.testkit.ChildJvm;
import io.apogeemq.testkit.FreePorts;
import io.apogeemq.testkit.OfficialBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: the official Apache RocketMQ 5.3.3 broker (child JVM) registers with an Apogee
 * NameServer (two of them, side by side); the official producer, push consumer and admin find it
 * through Apogee's routes; a
 * killed broker disappears from the routes at once (its connection closes).
 */
@Timeout(150)
class OfficialBrokerCompatIT {

  static final String CLUSTER = "ApogeeCompatCluster";
  static final String BROKER = "compat-broker-a";
  static final String TOPIC = "ApogeeCompatTopic";
  static final int MESSAGES = 20;

  @TempDir Path dir;

  NamesrvServer namesrv(String name) throws java.io.IOException {
    Properties p = new Properties();
    p.setProperty("listenPort", "0");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("kvConfigPath", dir.resolve(name + "/kv.json").toString());
    p.setProperty("configStorePath", dir.resolve(name + "/namesrv.properties").toString());
    return NamesrvServer.create(NamesrvConfig.fromProperties(p, w -> {}), Clock.systemUTC());
  }

  @Test
  void officialBrokerProducerConsumerAndAdminWorkThroughApogeeRoutes() throws Exception {
    try (NamesrvServer ns = namesrv("ns1"); NamesrvServer other = namesrv("ns2")) {
      ns.start();
      other.start();
      // Two NameServers side by side, no coordination: the broker registers with both.
      String nsAddr = "127.0.0.1:" + ns.port() + ";127.0.0.1:" + other.port();
      int brokerPort = FreePorts.forBroker();
      String brokerAddr = "127.0.0.1:" + brokerPort;
      ChildJvm broker = new OfficialBroker(dir.resolve("broker"), CLUSTER, BROKER, brokerPort,
          nsAddr, List.of("registerNameServerPeriod=10000")).start();
      DefaultMQAdminExt admin = null;
      DefaultMQProducer producer = null;
      DefaultMQPushConsumer consumer = null;
      try {
        Awaitility.await("official broker registers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> {
              if (!broker.isAlive()) {
                throw new AssertionError("broker died:\n" + broker.logTail(3000));
              }
              return ns.services().routes().clusterInfo().brokers().containsKey(BROKER)
                  && other.services().routes().clusterInfo().brokers().containsKey(BROKER);
            });

        admin = new DefaultMQAdminExt(10_000);
        admin.setNamesrvAddr(nsAddr);
        admin.setInstanceName("compat-admin");
        admin.start();
        ClusterInfo info = admin.examineBrokerClusterInfo();
        assertThat(info.getClusterAddrTable()).containsEntry(CLUSTER, Set.of(BROKER));
        assertThat(info.getBrokerAddrTable().get(BROKER).getBrokerAddrs()).containsEntry(0L, brokerAddr);

        admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig(TOPIC, 4, 4, 6));
        DefaultMQAdminExt a = admin;
        Awaitility.await("topic change reaches the NameServers").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> a.fetchAllTopicList().getTopicList().contains(TOPIC)
                && other.services().routes().route(TOPIC).isPresent());
        assertThat(admin.examineTopicRouteInfo(TOPIC).getQueueDatas().get(0).getWriteQueueNums()).isEqualTo(4);

        producer = new DefaultMQProducer("apogee-compat-producer");
        producer.setNamesrvAddr(nsAddr);
        producer.setInstanceName("compat-producer");
        producer.start();
        for (int i = 0; i < MESSAGES; i++) {
          SendResult r = producer.send(new Message(TOPIC, "tag", ("m" + i).getBytes(StandardCharsets.UTF_8)));
          assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }

        Set<String> received = ConcurrentHashMap.newKeySet();
        consumer = new DefaultMQPushConsumer("apogee-compat-consumer");
        consumer.setNamesrvAddr(nsAddr);
        consumer.setInstanceName("compat-consumer");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
          msgs.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
          return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        Awaitility.await("push consumer receives everything").atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(200)).until(() -> received.size() == MESSAGES);

        broker.kill();
        Awaitility.await("killed broker leaves the routes").atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> ns.services().routes().route(TOPIC).isEmpty()
                && ns.services().routes().clusterInfo().brokers().isEmpty()
                && other.services().routes().route(TOPIC).isEmpty());
        assertThat(admin.examineBrokerClusterInfo().getBrokerAddrTable()).isEmpty();
      } finally {
        if (consumer != null) {
          consumer.shutdown();
        }
        if (producer != null) {
          producer.shutdown();
        }
        if (admin != null) {
          admin.shutdown();
        }
        broker.close();
      }
    }
  }
}
