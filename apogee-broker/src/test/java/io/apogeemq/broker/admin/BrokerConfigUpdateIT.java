package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.config.LiveBrokerConfig;
import io.apogeemq.broker.support.EmbeddedNamesrv;
import io.apogeemq.broker.support.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code UPDATE_BROKER_CONFIG} through the official 5.3.3 {@code DefaultMQAdminExt}: run-time keys
 * take effect at once and show in {@code GET_BROKER_CONFIG}, a permission change reaches the
 * NameServer's route at once, other keys and bad values are refused naming the key and change
 * nothing, and the changes survive a broker restart on the same data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrokerConfigUpdateIT {

  private Path dir;
  private EmbeddedNamesrv namesrv;
  private BrokerServer broker;
  private DefaultMQAdminExt admin;
  private String brokerAddr;

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory("apogee-bcfg-it");
    namesrv = new EmbeddedNamesrv(dir.resolve("namesrv"));
    startBroker();
    admin = new DefaultMQAdminExt(10_000);
    admin.setNamesrvAddr(namesrv.addr());
    admin.setInstanceName("bcfg-it-" + System.nanoTime());
    admin.setVipChannelEnabled(false);
    admin.start();
  }

  private void startBroker() throws Exception {
    Properties p = new Properties();
    p.setProperty("namesrvAddr", namesrv.addr());
    broker = BrokerServer.create(TestBrokers.config(dir.resolve("store"), p), Clock.systemUTC());
    broker.start();
    brokerAddr = broker.endpoint().addr();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      admin.shutdown();
    } finally {
      try {
        broker.close();
      } finally {
        namesrv.close();
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private DefaultMQProducer producer() throws Exception {
    DefaultMQProducer producer = new DefaultMQProducer("bcfg-pg-" + System.nanoTime());
    producer.setNamesrvAddr(namesrv.addr());
    producer.setInstanceName("bcfg-p-" + System.nanoTime());
    producer.setVipChannelEnabled(false);
    producer.setSendMsgTimeout(5_000);
    producer.setRetryTimesWhenSendFailed(0);
    producer.start();
    return producer;
  }

  @Test
  void autoCreateTopicAndMaxMessageSizeChangeAtOnceAndShowInTheBrokerConfig() throws Exception {
    DefaultMQProducer producer = producer();
    try {
      assertThat(producer.send(new Message("AutoBefore", "x".getBytes(StandardCharsets.UTF_8)))
          .getSendStatus()).isEqualTo(SendStatus.SEND_OK);

      admin.updateBrokerConfig(brokerAddr,
          props("autoCreateTopicEnable", "false", "maxMessageSize", "1024"));

      Properties seen = admin.getBrokerConfig(brokerAddr);
      assertThat(seen.getProperty("autoCreateTopicEnable")).isEqualTo("false");
      assertThat(seen.getProperty("maxMessageSize")).isEqualTo("1024");
      assertThat(broker.topics().get("TBW102")).isNull();
      assertThatThrownBy(() -> producer.send(new Message("AutoAfter",
          "x".getBytes(StandardCharsets.UTF_8))))
          .hasMessageContaining("AutoAfter");
      assertThat(broker.topics().get("AutoAfter")).isNull();
      // The client checks the body against its own 4 MiB limit only; the broker refuses it.
      assertThatThrownBy(() -> producer.send(new Message("AutoBefore", new byte[2048])))
          .isInstanceOfSatisfying(MQBrokerException.class,
              e -> assertThat(e.getErrorMessage()).contains("maxMessageSize 1024"));
      assertThat(producer.send(new Message("AutoBefore", new byte[1000])).getSendStatus())
          .isEqualTo(SendStatus.SEND_OK);

      admin.updateBrokerConfig(brokerAddr, props("autoCreateTopicEnable", "true"));

      assertThat(broker.topics().get("TBW102")).isNotNull();
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
          assertThat(producer.send(new Message("AutoAgain", "x".getBytes(StandardCharsets.UTF_8)))
              .getSendStatus()).isEqualTo(SendStatus.SEND_OK));
    } finally {
      producer.shutdown();
    }
  }

  @Test
  void brokerPermissionChangeReachesTheRouteAtOnce() throws Exception {
    admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig("PermTopic", 2, 2, 6));
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
        assertThat(admin.examineTopicRouteInfo("PermTopic").getQueueDatas()).singleElement()
            .satisfies(q -> assertThat(q.getPerm()).isEqualTo(6)));

    admin.updateBrokerConfig(brokerAddr, props("brokerPermission", "4"));

    // Well before the 30 s periodic registration.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      TopicRouteData route = admin.examineTopicRouteInfo("PermTopic");
      assertThat(route.getQueueDatas()).singleElement()
          .satisfies(q -> assertThat(q.getPerm()).isEqualTo(4));
    });
    assertThat(admin.getBrokerConfig(brokerAddr).getProperty("brokerPermission"))
        .isEqualTo("4");

    admin.updateBrokerConfig(brokerAddr, props("brokerPermission", "6"));

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(admin.examineTopicRouteInfo("PermTopic").getQueueDatas()).singleElement()
            .satisfies(q -> assertThat(q.getPerm()).isEqualTo(6)));
  }

  @Test
  void keysThatBindAtStartAndBadValuesAreRefusedNamingTheKeyAndChangeNothing()
      throws Exception {
    assertThatThrownBy(() -> admin.updateBrokerConfig(brokerAddr,
        props("listenPort", "1234", "maxMessageSize", "2048")))
        .isInstanceOfSatisfying(MQBrokerException.class, e -> {
          assertThat(e.getResponseCode()).isEqualTo(16);
          assertThat(e.getErrorMessage()).contains("'listenPort'")
              .contains("cannot be changed at run time");
        });
    assertThatThrownBy(() -> admin.updateBrokerConfig(brokerAddr,
        props("autoCreateSubscriptionGroup", "maybe")))
        .isInstanceOfSatisfying(MQBrokerException.class, e -> {
          assertThat(e.getResponseCode()).isEqualTo(1);
          assertThat(e.getErrorMessage()).contains("'autoCreateSubscriptionGroup'")
              .contains("maybe");
        });
    int startMax = broker.config().store().maxMessageSize();
    assertThatThrownBy(() -> admin.updateBrokerConfig(brokerAddr,
        props("maxMessageSize", Integer.toString(startMax + 1))))
        .isInstanceOfSatisfying(MQBrokerException.class,
            e -> assertThat(e.getErrorMessage()).contains("'maxMessageSize'").contains("restart"));
    // brokerPermission is range-checked by the client itself before it sends anything.
    assertThatThrownBy(() -> admin.updateBrokerConfig(brokerAddr,
        props("brokerPermission", "9")))
        .isInstanceOf(MQClientException.class);

    Properties seen = admin.getBrokerConfig(brokerAddr);
    assertThat(seen.getProperty("maxMessageSize")).isEqualTo(Integer.toString(startMax));
    assertThat(seen.getProperty("autoCreateSubscriptionGroup")).isEqualTo("true");
    assertThat(seen.getProperty("brokerPermission")).isEqualTo("6");
    assertThat(dir.resolve("store/config/" + LiveBrokerConfig.FILE_NAME)).doesNotExist();
  }

  @Test
  void changesArePersistedAndReappliedAfterARestart() throws Exception {
    admin.updateBrokerConfig(brokerAddr, props("autoCreateSubscriptionGroup", "false",
        "enablePropertyFilter", "false", "maxMessageSize", "4096"));
    assertThat(dir.resolve("store/config/" + LiveBrokerConfig.FILE_NAME)).exists();

    broker.close();
    startBroker();

    assertThat(broker.config().autoCreateSubscriptionGroup()).isFalse();
    assertThat(broker.config().filter().enablePropertyFilter()).isFalse();
    assertThat(broker.config().maxMessageSize()).isEqualTo(4096);
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
      Properties seen = admin.getBrokerConfig(broker.endpoint().addr());
      assertThat(seen.getProperty("autoCreateSubscriptionGroup")).isEqualTo("false");
      assertThat(seen.getProperty("enablePropertyFilter")).isEqualTo("false");
      assertThat(seen.getProperty("maxMessageSize")).isEqualTo("4096");
    });
  }
}
