package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.support.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The everyday admin requests through the official {@code DefaultMQAdminExt}, written against the
 * API both 4.9.8 and 5.3.3 have so {@code apogee-broker-compat-4x} runs it with the 4.9.8 admin
 * too: topic creation with 8 queues reaching the route and the topic config, topic deletion, topic
 * stats, consume stats going to zero lag after an official push consumer consumed, consumer and
 * producer connections, cluster, runtime info and broker config.
 *
 * <p>The result types ({@code TopicRouteData}, {@code TopicStatsTable}, {@code ConsumeStats},
 * {@code ClusterInfo}, {@code KVTable}) moved from {@code org.apache.rocketmq.common.protocol} (4.x)
 * to {@code org.apache.rocketmq.remoting.protocol} (5.x), so they are only ever held in
 * {@code var}s. The 5.3.3-only request ({@code createAndUpdateTopicConfigList}) is tested in
 * {@code admin/AdminCompatIT}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminTopicCompatIT {

  private LocalCluster cluster;
  private DefaultMQAdminExt admin;
  private String brokerAddr;

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster();
    brokerAddr = cluster.broker().endpoint().addr();
    admin = new DefaultMQAdminExt(10_000);
    admin.setNamesrvAddr(cluster.namesrvAddr());
    admin.setInstanceName("admin-compat-" + System.nanoTime());
    admin.setVipChannelEnabled(false);
    admin.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      admin.shutdown();
    } finally {
      cluster.close();
    }
  }

  private void createTopic(String topic, int queues) throws Exception {
    admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig(topic, queues, queues, 6));
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
      var route = admin.examineTopicRouteInfo(topic);
      assertThat(route.getQueueDatas()).hasSize(1);
      var queueData = route.getQueueDatas().get(0);
      assertThat(queueData.getReadQueueNums()).isEqualTo(queues);
      assertThat(queueData.getWriteQueueNums()).isEqualTo(queues);
      assertThat(queueData.getBrokerName()).isEqualTo(cluster.broker().config().brokerName());
    });
  }

  private DefaultMQProducer producer(String group) throws Exception {
    DefaultMQProducer p = new DefaultMQProducer(group);
    p.setNamesrvAddr(cluster.namesrvAddr());
    p.setInstanceName("admin-compat-p-" + System.nanoTime());
    p.setVipChannelEnabled(false);
    p.start();
    return p;
  }

  @Test
  void topicCreatedWithEightQueuesIsInTheRouteAndOnTheBroker() throws Exception {
    createTopic("AdminCompat8", 8);

    TopicConfig tc = admin.examineTopicConfig(brokerAddr, "AdminCompat8");
    assertThat(tc.getReadQueueNums()).isEqualTo(8);
    assertThat(tc.getWriteQueueNums()).isEqualTo(8);
    assertThat(tc.getPerm()).isEqualTo(6);
    assertThat(admin.getAllTopicConfig(brokerAddr, 5_000).getTopicConfigTable())
        .containsKey("AdminCompat8").containsKey("TBW102");
    assertThat(admin.fetchAllTopicList().getTopicList()).contains("AdminCompat8");
    assertThat(cluster.broker().topics().get("AdminCompat8").readQueueNums()).isEqualTo(8);
  }

  @Test
  void deletedTopicLeavesTheBrokerAndIsThenReportedUnknown() throws Exception {
    createTopic("AdminCompatDoomed", 2);

    admin.deleteTopicInBroker(Set.of(brokerAddr), "AdminCompatDoomed");

    assertThat(cluster.broker().topics().get("AdminCompatDoomed")).isNull();
    assertThat(admin.getAllTopicConfig(brokerAddr, 5_000).getTopicConfigTable())
        .doesNotContainKey("AdminCompatDoomed").containsKey("TBW102");
    // 5.x asks GET_TOPIC_CONFIG (351) and gets TOPIC_NOT_EXIST (17); 4.9.8's examineTopicConfig
    // reads GET_ALL_TOPIC_CONFIG and picks the topic out of the table: null, no exception
    if (Integer.getInteger("apogee.expectedClientVersion", 479) >= 479) {
      assertThatThrownBy(() -> admin.examineTopicConfig(brokerAddr, "AdminCompatDoomed"))
          .isInstanceOfSatisfying(MQBrokerException.class,
              e -> assertThat(e.getResponseCode()).isEqualTo(17));
    } else {
      assertThat(admin.examineTopicConfig(brokerAddr, "AdminCompatDoomed")).isNull();
    }
  }

  @Test
  void topicStatsShowTheOffsetsOfEveryQueue() throws Exception {
    createTopic("AdminCompatStats", 4);
    DefaultMQProducer producer = producer("admin-compat-stats-producer");
    try {
      for (int i = 0; i < 10; i++) {
        assertThat(producer.send(new Message("AdminCompatStats", ("m" + i).getBytes(
            StandardCharsets.UTF_8))).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      }
    } finally {
      producer.shutdown();
    }
    cluster.awaitDispatched();

    var stats = admin.examineTopicStats("AdminCompatStats");

    assertThat(stats.getOffsetTable()).hasSize(4);
    long total = 0;
    for (var e : stats.getOffsetTable().entrySet()) {
      assertThat(e.getKey().getTopic()).isEqualTo("AdminCompatStats");
      assertThat(e.getKey().getBrokerName()).isEqualTo(cluster.broker().config().brokerName());
      assertThat(e.getValue().getMinOffset()).isZero();
      if (e.getValue().getMaxOffset() > 0) {
        assertThat(e.getValue().getLastUpdateTimestamp()).isPositive();
      }
      total += e.getValue().getMaxOffset();
    }
    assertThat(total).isEqualTo(10);
  }

  @Test
  void consumeStatsGoToZeroLagAfterAPushConsumerConsumed() throws Exception {
    createTopic("AdminCompatLag", 4);
    DefaultMQProducer producer = producer("admin-compat-lag-producer");
    OfficialClients.Received received = new OfficialClients.Received();
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("admin-compat-lag-group");
    consumer.setNamesrvAddr(cluster.namesrvAddr());
    consumer.setInstanceName("admin-compat-c-" + System.nanoTime());
    consumer.setVipChannelEnabled(false);
    consumer.setPersistConsumerOffsetInterval(500);
    try {
      for (int i = 0; i < 20; i++) {
        assertThat(producer.send(new Message("AdminCompatLag", ("m" + i).getBytes(
            StandardCharsets.UTF_8))).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      }
      consumer.setConsumeFromWhere(
          org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
      consumer.subscribe("AdminCompatLag", "*");
      consumer.registerMessageListener(received.listener());
      consumer.start();

      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().untilAsserted(() -> {
            var cs = admin.examineConsumeStats("admin-compat-lag-group");
            assertThat(cs.getOffsetTable()).hasSize(4);
            assertThat(cs.getOffsetTable().values().stream()
                .mapToLong(o -> o.getBrokerOffset()).sum()).isEqualTo(20);
            assertThat(cs.computeTotalDiff()).isZero();
          });
      assertThat(received.distinct()).isEqualTo(20);
      var cc = admin.examineConsumerConnectionInfo("admin-compat-lag-group");
      assertThat(cc.getConnectionSet()).hasSize(1);
      var connection = cc.getConnectionSet().iterator().next();
      assertThat(connection.getClientId()).contains("admin-compat-c-");
      assertThat(connection.getClientAddr()).startsWith("127.0.0.1:");
      assertThat(connection.getVersion())
          .isEqualTo(Integer.getInteger("apogee.expectedClientVersion", 479));
      assertThat(cc.getSubscriptionTable()).containsKey("AdminCompatLag");
      assertThat(cc.getMessageModel().name()).isEqualTo("CLUSTERING");
      assertThat(admin.queryTopicConsumeByWho("AdminCompatLag").getGroupList())
          .contains("admin-compat-lag-group");
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().untilAsserted(() -> assertThat(admin.examineProducerConnectionInfo(
              "admin-compat-lag-producer", "AdminCompatLag").getConnectionSet()).isNotEmpty());
      assertThat(admin.examineConsumeStats("admin-compat-lag-group").getOffsetTable().values())
          .allSatisfy(o -> {
            if (o.getConsumerOffset() > 0) {
              assertThat(o.getLastTimestamp()).isPositive();
            }
          });
    } finally {
      consumer.shutdown();
      producer.shutdown();
    }
  }

  /**
   * {@code SubscriptionGroupConfig} moved packages between 4.x and 5.x, so it is built and read
   * through reflection on the admin's own signatures.
   */
  @Test
  void subscriptionGroupsAreCreatedReadListedAndDeleted() throws Exception {
    Method examine = DefaultMQAdminExt.class.getMethod("examineSubscriptionGroupConfig",
        String.class, String.class);
    Class<?> type = examine.getReturnType();
    Object sgc = type.getConstructor().newInstance();
    type.getMethod("setGroupName", String.class).invoke(sgc, "admin-compat-group");
    type.getMethod("setRetryMaxTimes", int.class).invoke(sgc, 3);
    type.getMethod("setConsumeBroadcastEnable", boolean.class).invoke(sgc, false);

    DefaultMQAdminExt.class.getMethod("createAndUpdateSubscriptionGroupConfig", String.class, type)
        .invoke(admin, brokerAddr, sgc);

    Object back = examine.invoke(admin, brokerAddr, "admin-compat-group");
    assertThat(type.getMethod("getRetryMaxTimes").invoke(back)).isEqualTo(3);
    assertThat(type.getMethod("isConsumeBroadcastEnable").invoke(back)).isEqualTo(false);
    assertThat(admin.getAllSubscriptionGroup(brokerAddr, 5_000).getSubscriptionGroupTable())
        .containsKey("admin-compat-group");

    admin.deleteSubscriptionGroup(brokerAddr, "admin-compat-group", true);

    assertThat(cluster.broker().subscriptionGroups().find("admin-compat-group")).isEmpty();
    assertThat(admin.getAllSubscriptionGroup(brokerAddr, 5_000).getSubscriptionGroupTable())
        .doesNotContainKey("admin-compat-group");
    assertThatThrownBy(() -> admin.examineConsumerConnectionInfo("admin-compat-group", brokerAddr))
        .isInstanceOfSatisfying(MQBrokerException.class,
            e -> assertThat(e.getResponseCode()).isEqualTo(206));
  }

  @Test
  void clusterInfoRuntimeInfoAndBrokerConfigDescribeThisBroker() throws Exception {
    var info = admin.examineBrokerClusterInfo();
    String name = cluster.broker().config().brokerName();
    assertThat(info.getBrokerAddrTable()).containsKey(name);
    assertThat(info.getBrokerAddrTable().get(name).getBrokerAddrs()).containsValue(brokerAddr);
    assertThat(info.getClusterAddrTable().get(cluster.broker().config().brokerClusterName()))
        .contains(name);

    var kv = admin.fetchBrokerRuntimeStats(brokerAddr);
    assertThat(kv.getTable()).containsEntry("brokerVersionDesc", "V5_3_3")
        .containsKeys("msgPutTotalTodayNow", "commitLogMaxOffset", "bootTimestamp");
    assertThat(Double.parseDouble(kv.getTable().get("commitLogDiskRatio"))).isBetween(0.0, 1.0);

    var p = admin.getBrokerConfig(brokerAddr);
    assertThat(p.getProperty("brokerName")).isEqualTo(name);
    assertThat(p.getProperty("listenPort")).isNotNull();
  }
}
