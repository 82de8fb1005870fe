package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.support.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The everyday mqadmin requests through the official 5.3.3 {@code DefaultMQAdminExt}: topic
 * creation with 8 queues reaching the route, topic config, topic stats, consume stats going to
 * zero lag after an official push consumer consumed, cluster and runtime info, broker config,
 * topic deletion.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminCompatIT {

  private LocalCluster cluster;
  private DefaultMQAdminExt admin;
  private String brokerAddr;

  @BeforeAll
  static void localOffsetsInTarget() {
    System.setProperty("rocketmq.client.localOffsetStoreDir", "target/it-client-offsets");
  }

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster();
    brokerAddr = cluster.broker().endpoint().addr();
    admin = new DefaultMQAdminExt(10_000);
    admin.setNamesrvAddr(cluster.namesrvAddr());
    admin.setInstanceName("admin-it-" + System.nanoTime());
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
      TopicRouteData route = admin.examineTopicRouteInfo(topic);
      assertThat(route.getQueueDatas()).singleElement().satisfies(q -> {
        assertThat(q.getReadQueueNums()).isEqualTo(queues);
        assertThat(q.getWriteQueueNums()).isEqualTo(queues);
      });
    });
  }

  @Test
  void topicCreatedWithEightQueuesIsInTheRouteAndTheTopicConfig() throws Exception {
    createTopic("AdminTopic8", 8);

    TopicConfig tc = admin.examineTopicConfig(brokerAddr, "AdminTopic8");
    assertThat(tc.getReadQueueNums()).isEqualTo(8);
    assertThat(tc.getWriteQueueNums()).isEqualTo(8);
    assertThat(tc.getPerm()).isEqualTo(6);
    assertThat(admin.getAllTopicConfig(brokerAddr, 5_000).getTopicConfigTable())
        .containsKey("AdminTopic8").containsKey("TBW102");
    assertThat(cluster.broker().topics().get("AdminTopic8").readQueueNums()).isEqualTo(8);
  }

  @Test
  void topicListIsCreatedInOneRequestAndSystemTopicsAreRefused() throws Exception {
    TopicConfig a = new TopicConfig("ListTopicA", 2, 2, 6);
    TopicConfig b = new TopicConfig("ListTopicB", 3, 3, 4);

    admin.createAndUpdateTopicConfigList(brokerAddr, java.util.List.of(a, b));

    assertThat(cluster.broker().topics().get("ListTopicA").writeQueueNums()).isEqualTo(2);
    assertThat(cluster.broker().topics().get("ListTopicB").perm()).isEqualTo(4);
    assertThatThrownBy(() -> admin.createAndUpdateTopicConfig(brokerAddr,
        new TopicConfig("TBW102", 1, 1, 6)))
        .isInstanceOfSatisfying(MQClientException.class,
            e -> assertThat(e.getResponseCode()).isEqualTo(29));
    assertThat(cluster.broker().topics().get("TBW102").writeQueueNums()).isNotEqualTo(1);
  }

  @Test
  void topicStatsShowTheOffsetsOfEveryQueue() throws Exception {
    createTopic("StatsTopic", 4);
    DefaultMQProducer producer = producer();
    try {
      for (int i = 0; i < 10; i++) {
        assertThat(producer.send(new Message("StatsTopic", ("m" + i).getBytes(
            StandardCharsets.UTF_8))).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      }
    } finally {
      producer.shutdown();
    }
    cluster.awaitDispatched();

    TopicStatsTable stats = admin.examineTopicStats("StatsTopic");

    assertThat(stats.getOffsetTable()).hasSize(4);
    long total = 0;
    for (var e : stats.getOffsetTable().entrySet()) {
      MessageQueue mq = e.getKey();
      TopicOffset o = e.getValue();
      assertThat(mq.getTopic()).isEqualTo("StatsTopic");
      assertThat(mq.getBrokerName()).isEqualTo(cluster.broker().config().brokerName());
      assertThat(o.getMinOffset()).isZero();
      if (o.getMaxOffset() > 0) {
        assertThat(o.getLastUpdateTimestamp()).isPositive();
      }
      total += o.getMaxOffset();
    }
    assertThat(total).isEqualTo(10);
  }

  @Test
  void consumeStatsGoToZeroLagAfterAPushConsumerConsumed() throws Exception {
    createTopic("LagTopic", 4);
    DefaultMQProducer producer = producer();
    AtomicInteger consumed = new AtomicInteger();
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("lag-group");
    consumer.setNamesrvAddr(cluster.namesrvAddr());
    consumer.setInstanceName("admin-it-c-" + System.nanoTime());
    consumer.setVipChannelEnabled(false);
    consumer.setPersistConsumerOffsetInterval(500);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    try {
      for (int i = 0; i < 20; i++) {
        producer.send(new Message("LagTopic", ("m" + i).getBytes(StandardCharsets.UTF_8)));
      }
      consumer.subscribe("LagTopic", "*");
      consumer.registerMessageListener((java.util.List<org.apache.rocketmq.common.message.MessageExt> msgs,
          org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext ctx) -> {
        consumed.addAndGet(msgs.size());
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
      });
      consumer.start();

      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
        ConsumeStats cs = admin.examineConsumeStats("lag-group");
        assertThat(cs.getOffsetTable()).hasSize(4);
        assertThat(cs.getOffsetTable().values().stream().mapToLong(o -> o.getBrokerOffset()).sum())
            .isEqualTo(20);
        assertThat(cs.computeTotalDiff()).isZero();
      });
      assertThat(consumed.get()).isGreaterThanOrEqualTo(20);
      ConsumerConnection cc = admin.examineConsumerConnectionInfo("lag-group");
      assertThat(cc.getConnectionSet()).singleElement().satisfies(c -> {
        assertThat(c.getClientId()).contains("admin-it-c-");
        assertThat(c.getClientAddr()).startsWith("127.0.0.1:");
        assertThat(c.getVersion()).isEqualTo(479);
      });
      assertThat(cc.getSubscriptionTable()).containsKey("LagTopic");
      assertThat(cc.getMessageModel().name()).isEqualTo("CLUSTERING");
      assertThat(admin.queryTopicConsumeByWho("LagTopic").getGroupList()).contains("lag-group");
      await().atMost(Duration.ofSeconds(40)).ignoreExceptions().untilAsserted(() ->
          assertThat(admin.examineProducerConnectionInfo("admin-it-producer", "LagTopic")
              .getConnectionSet()).isNotEmpty());
      ConsumeStats cs = admin.examineConsumeStats("lag-group");
      assertThat(cs.getOffsetTable().values()).allSatisfy(o -> {
        if (o.getConsumerOffset() > 0) {
          assertThat(o.getLastTimestamp()).isPositive();
        }
      });
    } finally {
      consumer.shutdown();
      producer.shutdown();
    }
  }

  @Test
  void clusterRuntimeInfoAndBrokerConfigDescribeThisBroker() throws Exception {
    ClusterInfo info = admin.examineBrokerClusterInfo();
    String name = cluster.broker().config().brokerName();
    assertThat(info.getBrokerAddrTable()).containsKey(name);
    assertThat(info.getBrokerAddrTable().get(name).getBrokerAddrs()).containsValue(brokerAddr);

    KVTable kv = admin.fetchBrokerRuntimeStats(brokerAddr);
    assertThat(kv.getTable()).containsEntry("brokerVersionDesc", "V5_3_3")
        .containsKeys("msgPutTotalTodayNow", "commitLogMaxOffset", "bootTimestamp");
    Double.parseDouble(kv.getTable().get("commitLogDiskRatio"));

    Properties p = admin.getBrokerConfig(brokerAddr);
    assertThat(p.getProperty("brokerName")).isEqualTo(name);
    assertThat(p.getProperty("listenPort")).isNotNull();
  }

  @Test
  void deletedTopicLeavesTheBrokerAndUnknownTopicsAreReportedAsSuch() throws Exception {
    createTopic("DoomedTopic", 2);

    admin.deleteTopicInBroker(Set.of(brokerAddr), "DoomedTopic");

    assertThat(cluster.broker().topics().get("DoomedTopic")).isNull();
    assertThatThrownBy(() -> admin.examineTopicConfig(brokerAddr, "DoomedTopic"))
        .isInstanceOfSatisfying(MQBrokerException.class,
            e -> assertThat(e.getResponseCode()).isEqualTo(17));
    assertThatThrownBy(() -> admin.createAndUpdateTopicConfig(brokerAddr,
        new TopicConfig("SCHEDULE_TOPIC_XXXX", 1, 1, 6)))
        .isInstanceOfSatisfying(MQClientException.class, e -> {
          assertThat(e.getResponseCode()).isEqualTo(29);
          assertThat(e.getErrorMessage()).contains("SCHEDULE_TOPIC_XXXX").contains("reserved");
        });
  }

  @Test
  void subscriptionGroupsAreCreatedReadListedAndDeleted() throws Exception {
    SubscriptionGroupConfig sgc = new SubscriptionGroupConfig();
    sgc.setGroupName("admin-group");
    sgc.setRetryMaxTimes(3);
    sgc.setConsumeBroadcastEnable(false);
    admin.createAndUpdateSubscriptionGroupConfig(brokerAddr, sgc);

    SubscriptionGroupConfig back = admin.examineSubscriptionGroupConfig(brokerAddr, "admin-group");
    assertThat(back.getRetryMaxTimes()).isEqualTo(3);
    assertThat(back.isConsumeBroadcastEnable()).isFalse();
    assertThat(admin.getAllSubscriptionGroup(brokerAddr, 5_000).getSubscriptionGroupTable())
        .containsKey("admin-group");

    admin.deleteSubscriptionGroup(brokerAddr, "admin-group", true);

    assertThat(cluster.broker().subscriptionGroups().find("admin-group")).isEmpty();
    assertThatThrownBy(() -> admin.examineConsumerConnectionInfo("admin-group", brokerAddr))
        .isInstanceOfSatisfying(MQBrokerException.class,
            e -> assertThat(e.getResponseCode()).isEqualTo(206));
  }

  private DefaultMQProducer producer() throws Exception {
    DefaultMQProducer p = new DefaultMQProducer("admin-it-producer");
    p.setNamesrvAddr(cluster.namesrvAddr());
    p.setInstanceName("admin-it-p-" + System.nanoTime());
    p.setVipChannelEnabled(false);
    p.start();
    return p;
  }
}
