package io.apogeemq.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official admin API ({@code DefaultMQAdminExt} of rocketmq-tools 5.3.3, what mqadmin uses)
 * and {@code apogee admin --json} report the same topic list, route, topic status and consumer
 * progress for the same cluster.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AdminEquivalenceIT {

  private static final String TOPIC = "EqTopic";
  private static final String GROUP = "cg-eq";

  @Test
  void officialAdminAndApogeeAdminReportTheSameTopicsRouteStatusAndProgress() throws Exception {
    try (EmbeddedCluster cluster = new EmbeddedCluster()) {
      String ns = cluster.namesrv();
      assertThat(CliRun.of("admin", "updateTopic", "-n", ns, "-c", EmbeddedCluster.CLUSTER,
          "-t", TOPIC, "-r", "3", "-w", "3").code()).isZero();
      produceAndConsume(ns);

      DefaultMQAdminExt official = new DefaultMQAdminExt(10_000);
      official.setNamesrvAddr(ns);
      official.setInstanceName("eq-" + UUID.randomUUID());
      official.setVipChannelEnabled(false);
      official.start();
      try {
        assertSameTopicList(ns, official);
        assertSameRoute(ns, official);
        assertSameTopicStatus(ns, official);
        assertSameConsumerProgress(ns, official);
      } finally {
        official.shutdown();
      }
    }
  }

  private static void produceAndConsume(String ns) throws Exception {
    DefaultMQProducer p = new DefaultMQProducer("pg-eq");
    p.setNamesrvAddr(ns);
    p.setInstanceName("eq-" + UUID.randomUUID());
    p.setVipChannelEnabled(false);
    p.start();
    try {
      for (int i = 0; i < 12; i++) {
        p.send(new Message(TOPIC, ("m" + i).getBytes(StandardCharsets.UTF_8)));
      }
    } finally {
      p.shutdown();
    }
    CountDownLatch consumed = new CountDownLatch(7);
    DefaultMQPushConsumer c = new DefaultMQPushConsumer(GROUP);
    c.setNamesrvAddr(ns);
    c.setInstanceName("eq-" + UUID.randomUUID());
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.setPersistConsumerOffsetInterval(200);
    c.subscribe(TOPIC, "*");
    c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(m -> consumed.countDown());
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    c.start();
    try {
      assertThat(consumed.await(90, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(1000);
    } finally {
      c.shutdown(); // persists the offsets; nothing changes after this
    }
  }

  private static JsonNode apogee(String ns, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "admin";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "-n";
    all[args.length + 2] = ns;
    all[args.length + 3] = "--json";
    all[args.length + 4] = "--timeoutMillis=10000";
    CliRun r = CliRun.of(all);
    assertThat(r.code()).as(r.toString()).isZero();
    return r.json();
  }

  private static void assertSameTopicList(String ns, DefaultMQAdminExt official)
      throws Exception {
    Set<String> ours = new TreeSet<>();
    apogee(ns, "topicList").forEach(n -> ours.add(n.asText()));
    assertThat(ours).isEqualTo(new TreeSet<>(official.fetchAllTopicList().getTopicList()))
        .contains(TOPIC);
  }

  private static void assertSameRoute(String ns, DefaultMQAdminExt official) throws Exception {
    JsonNode ours = apogee(ns, "topicRoute", "-t", TOPIC);
    TopicRouteData theirs = official.examineTopicRouteInfo(TOPIC);
    assertThat(ours.path("brokerDatas")).hasSize(theirs.getBrokerDatas().size());
    for (BrokerData b : theirs.getBrokerDatas()) {
      JsonNode mine = find(ours.path("brokerDatas"), "brokerName", b.getBrokerName());
      assertThat(mine.path("cluster").asText()).isEqualTo(b.getCluster());
      Map<Long, String> addrs = new HashMap<>();
      mine.path("brokerAddrs").fields().forEachRemaining(e ->
          addrs.put(Long.parseLong(e.getKey()), e.getValue().asText()));
      assertThat(addrs).isEqualTo(b.getBrokerAddrs());
    }
    assertThat(ours.path("queueDatas")).hasSize(theirs.getQueueDatas().size());
    for (QueueData q : theirs.getQueueDatas()) {
      JsonNode mine = find(ours.path("queueDatas"), "brokerName", q.getBrokerName());
      assertThat(mine.path("readQueueNums").asInt()).isEqualTo(q.getReadQueueNums());
      assertThat(mine.path("writeQueueNums").asInt()).isEqualTo(q.getWriteQueueNums());
      assertThat(mine.path("perm").asInt()).isEqualTo(q.getPerm());
      assertThat(mine.path("topicSysFlag").asInt()).isEqualTo(q.getTopicSysFlag());
    }
  }

  private static void assertSameTopicStatus(String ns, DefaultMQAdminExt official)
      throws Exception {
    JsonNode ours = apogee(ns, "topicStatus", "-t", TOPIC);
    TopicStatsTable theirs = official.examineTopicStats(TOPIC);
    assertThat(ours).hasSize(theirs.getOffsetTable().size());
    for (JsonNode q : ours) {
      TopicOffset t = theirs.getOffsetTable().get(new MessageQueue(TOPIC,
          q.path("brokerName").asText(), q.path("queueId").asInt()));
      assertThat(t).as(q.toString()).isNotNull();
      assertThat(q.path("minOffset").asLong()).isEqualTo(t.getMinOffset());
      assertThat(q.path("maxOffset").asLong()).isEqualTo(t.getMaxOffset());
      assertThat(q.path("lastUpdateTimestamp").asLong()).isEqualTo(t.getLastUpdateTimestamp());
    }
  }

  private static void assertSameConsumerProgress(String ns, DefaultMQAdminExt official)
      throws Exception {
    JsonNode ours = apogee(ns, "consumerProgress", "-g", GROUP);
    ConsumeStats theirs = official.examineConsumeStats(GROUP);
    assertThat(ours.path("queues")).hasSize(theirs.getOffsetTable().size());
    long theirDiff = 0;
    for (JsonNode q : ours.path("queues")) {
      OffsetWrapper w = theirs.getOffsetTable().get(new MessageQueue(q.path("topic").asText(),
          q.path("brokerName").asText(), q.path("queueId").asInt()));
      assertThat(w).as(q.toString()).isNotNull();
      assertThat(q.path("brokerOffset").asLong()).isEqualTo(w.getBrokerOffset());
      assertThat(q.path("consumerOffset").asLong()).isEqualTo(w.getConsumerOffset());
      assertThat(q.path("lastTimestamp").asLong()).isEqualTo(w.getLastTimestamp());
      theirDiff += w.getBrokerOffset() - w.getConsumerOffset();
    }
    assertThat(ours.path("diffTotal").asLong()).isEqualTo(theirDiff);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.path(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value + " in " + array);
  }
}
