package io.apogeemq.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogeemq.testkit.FreePorts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every admin command against an embedded Apogee NameServer and broker: output and exit code.
 * Each test uses its own topic and groups, so the order does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AdminCommandsIT {

  private EmbeddedCluster cluster;
  private String ns;

  @BeforeAll
  void start() throws Exception {
    cluster = new EmbeddedCluster();
    ns = cluster.namesrv();
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private CliRun admin(String command, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "admin";
    all[1] = command;
    all[2] = "-n";
    all[3] = ns;
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.of(all);
  }

  private CliRun ok(String command, String... args) {
    CliRun r = admin(command, args);
    assertThat(r.code()).as(command + " " + String.join(" ", args) + "\n" + r).isZero();
    assertThat(r.err()).as(r.toString()).isEmpty();
    return r;
  }

  private void createTopic(String topic, int queues) {
    ok("updateTopic", "-c", EmbeddedCluster.CLUSTER, "-t", topic, "-r", "" + queues, "-w",
        "" + queues);
  }

  private DefaultMQProducer producer(String group) throws Exception {
    DefaultMQProducer p = new DefaultMQProducer(group);
    p.setNamesrvAddr(ns);
    p.setInstanceName("cli-it-" + UUID.randomUUID());
    p.setVipChannelEnabled(false);
    p.setSendMsgTimeout(10_000);
    p.start();
    return p;
  }

  private List<SendResult> send(String topic, int n, String keyPrefix) throws Exception {
    DefaultMQProducer p = producer("pg-" + topic);
    try {
      List<SendResult> out = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        Message m = new Message(topic, "tagA", keyPrefix + i,
            ("body-" + i).getBytes(StandardCharsets.UTF_8));
        out.add(p.send(m));
      }
      return out;
    } finally {
      p.shutdown();
    }
  }

  @Test
  void updateTopicCreatesItOnEveryMasterOfTheClusterAndTopicListShowsIt() {
    CliRun r = ok("updateTopic", "-c", EmbeddedCluster.CLUSTER, "-t", "CliTopicA", "-r", "3",
        "-w", "3");
    assertThat(r.out()).contains("#Broker").contains(cluster.broker()).contains("CliTopicA");
    assertThat(ok("topicList").out().lines()).contains("CliTopicA");
    assertThat(ok("topicList", "--json").json().toString()).contains("\"CliTopicA\"");
    CliRun withCluster = ok("topicList", "-c");
    assertThat(withCluster.out()).contains("#Cluster Name").containsPattern(
        EmbeddedCluster.CLUSTER + "\\s+CliTopicA");
  }

  @Test
  void updateTopicOnOneBrokerByAddress() {
    ok("updateTopic", "-b", cluster.broker(), "-t", "CliTopicB", "-w", "2", "-r", "2", "-p", "6");
    JsonNode route = ok("topicRoute", "-t", "CliTopicB", "--json").json();
    assertThat(route.path("queueDatas").get(0).path("writeQueueNums").asInt()).isEqualTo(2);
    assertThat(route.path("queueDatas").get(0).path("perm").asInt()).isEqualTo(6);
    assertThat(route.path("brokerDatas").get(0).path("brokerAddrs").path("0").asText())
        .isEqualTo(cluster.broker());
  }

  @Test
  void topicRouteStatusAndClusterListOfATopicWithMessages() throws Exception {
    createTopic("CliStatus", 2);
    send("CliStatus", 4, "k");
    CliRun route = ok("topicRoute", "-t", "CliStatus");
    assertThat(route.out()).contains(EmbeddedCluster.BROKER).contains(cluster.broker())
        .containsPattern(EmbeddedCluster.BROKER + "\\s+2\\s+2\\s+6");
    CliRun status = ok("topicStatus", "-t", "CliStatus");
    assertThat(status.out()).contains("#Broker Name", "#QID", "#Min Offset", "#Max Offset");
    JsonNode stats = ok("topicStatus", "-t", "CliStatus", "--json").json();
    assertThat(stats).hasSize(2);
    long total = 0;
    for (JsonNode q : stats) {
      total += q.path("maxOffset").asLong();
    }
    assertThat(total).isEqualTo(4);
    assertThat(ok("topicClusterList", "-t", "CliStatus").out().trim())
        .isEqualTo(EmbeddedCluster.CLUSTER);
  }

  @Test
  void clusterListBrokerStatusAndBrokerConfig() {
    CliRun list = ok("clusterList");
    assertThat(list.out()).contains(EmbeddedCluster.CLUSTER, EmbeddedCluster.BROKER,
        cluster.broker());
    assertThat(ok("clusterList", "--json").json().get(0).path("brokerName").asText())
        .isEqualTo(EmbeddedCluster.BROKER);
    CliRun status = ok("brokerStatus", "-b", cluster.broker());
    assertThat(status.out()).containsPattern("brokerVersionDesc\\s*: V5_3_3");
    assertThat(ok("brokerStatus", "-c", EmbeddedCluster.CLUSTER).out())
        .contains("============" + cluster.broker());
    CliRun conf = ok("getBrokerConfig", "-b", cluster.broker());
    assertThat(conf.out()).containsPattern("brokerName\\s* = " + EmbeddedCluster.BROKER);
    assertThat(ok("getBrokerConfig", "-b", cluster.broker(), "--json").json()
        .path("brokerClusterName").asText()).isEqualTo(EmbeddedCluster.CLUSTER);
  }

  @Test
  void updateBrokerConfigChangesARunTimeKeyAndIsRefusedForOthersNamingTheKey() {
    ok("updateBrokerConfig", "-b", cluster.broker(), "-k", "autoCreateSubscriptionGroup", "-v",
        "false");
    assertThat(ok("getBrokerConfig", "-b", cluster.broker()).out())
        .containsPattern("autoCreateSubscriptionGroup\\s* = false");
    ok("updateBrokerConfig", "-b", cluster.broker(), "-k", "autoCreateSubscriptionGroup", "-v",
        "true");

    // flushDiskType binds at start: Apogee refuses it (the official broker's answer is covered
    // by OfficialBrokerAdminIT).
    CliRun r = admin("updateBrokerConfig", "-b", cluster.broker(), "-k", "flushDiskType", "-v",
        "ASYNC_FLUSH");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains(cluster.broker()).contains("'flushDiskType'");
    assertThat(admin("updateBrokerConfig", "-b", cluster.broker(), "-k", "brokerPermission",
        "-v", "9").code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void sendMessageThenFindItByIdUniqueKeyKeyAndOffset() {
    createTopic("CliMsg", 1);
    CliRun sent = ok("sendMessage", "-t", "CliMsg", "-p", "hello admin", "-k", "order-7",
        "-c", "created", "--json");
    JsonNode result = sent.json();
    assertThat(result.path("status").asText()).isEqualTo("SEND_OK");
    String uniq = result.path("messageId").asText();
    String offsetId = result.path("offsetMessageId").asText();
    long offset = result.path("queueOffset").asLong();

    CliRun byId = ok("queryMsgById", "-i", offsetId);
    assertThat(byId.out()).contains("hello admin").contains("[created]").contains("[order-7]")
        .contains(uniq);
    assertThat(ok("queryMsgById", "-t", "CliMsg", "-i", uniq, "--json").json()
        .path("body").asText()).isEqualTo("hello admin");
    assertThat(ok("queryMsgByUniqueKey", "-t", "CliMsg", "-i", uniq).out())
        .contains("hello admin");
    CliRun byKey = ok("queryMsgByKey", "-t", "CliMsg", "-k", "order-7");
    assertThat(byKey.out()).contains("#Message ID").contains(uniq);
    CliRun byOffset = ok("queryMsgByOffset", "-t", "CliMsg", "-b", EmbeddedCluster.BROKER,
        "-i", "0", "-o", "" + offset);
    assertThat(byOffset.out()).contains("hello admin");

    CliRun plain = ok("sendMessage", "-t", "CliMsg", "-p", "second", "-b",
        EmbeddedCluster.BROKER, "-i", "0");
    assertThat(plain.out()).contains("#Send Result").contains("SEND_OK");
  }

  @Test
  void consumeMessageAndPrintMsgReadStoredMessagesWithoutCommitting() throws Exception {
    createTopic("CliRead", 2);
    send("CliRead", 5, "r");
    CliRun consumed = ok("consumeMessage", "-t", "CliRead");
    assertThat(consumed.out()).contains("Consumed 5 message(s)").contains("body-4");
    JsonNode one = ok("consumeMessage", "-t", "CliRead", "-c", "2", "--json").json();
    assertThat(one).hasSize(2);
    CliRun printed = ok("printMsg", "-t", "CliRead");
    assertThat(printed.out()).contains("Printed 5 message(s)").contains("Message Body:");
    assertThat(ok("printMsg", "-t", "CliRead", "-s", "otherTag").out())
        .contains("Printed 0 message(s)");
    // nothing was committed: the tools group is still at offset 0 on every queue
    JsonNode progress = ok("consumerProgress", "-g", TopicReader.TOOLS_GROUP, "-t", "CliRead",
        "--json").json();
    assertThat(progress.path("diffTotal").asLong()).isEqualTo(5);
    progress.path("queues").forEach(q -> assertThat(q.path("consumerOffset").asLong()).isZero());
  }

  @Test
  void consumerProgressConnectionAndProducerConnectionOfLiveClients() throws Exception {
    createTopic("CliGroup", 2);
    send("CliGroup", 6, "g");
    CountDownLatch consumed = new CountDownLatch(6);
    DefaultMQPushConsumer c = new DefaultMQPushConsumer("cg-cli");
    c.setNamesrvAddr(ns);
    c.setInstanceName("cli-it-" + UUID.randomUUID());
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.setPersistConsumerOffsetInterval(200);
    c.subscribe("CliGroup", "*");
    c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(m -> consumed.countDown());
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    c.start();
    DefaultMQProducer p = producer("pg-cli-online");
    try {
      p.send(new Message("CliGroup", "x".getBytes(StandardCharsets.UTF_8)));
      assertThat(consumed.await(60, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      JsonNode progress;
      do {
        Thread.sleep(300);
        progress = ok("consumerProgress", "-g", "cg-cli", "-t", "CliGroup", "--json").json();
      } while ((progress.path("queues").size() < 2 || progress.path("diffTotal").asLong() != 0)
          && System.nanoTime() < deadline);
      assertThat(progress.path("diffTotal").asLong()).isZero();
      assertThat(ok("consumerProgress", "-g", "cg-cli").out())
          .contains("#Broker Offset", "#Consumer Offset", "#Diff").contains("Diff Total: 0");
      CliRun groups = ok("consumerProgress");
      assertThat(groups.out()).containsPattern("cg-cli\\s+1\\s+CLUSTERING\\s+0");

      CliRun conn = ok("consumerConnection", "-g", "cg-cli");
      assertThat(conn.out()).contains("#ClientId").contains("JAVA")
          .containsPattern("CliGroup\\s+\\*").contains("MessageModel: CLUSTERING");
      CliRun producers = ok("producerConnection", "-g", "pg-cli-online", "-t", "CliGroup");
      assertThat(producers.out()).contains("#ClientId").contains("JAVA");
    } finally {
      p.shutdown();
      c.shutdown();
    }
  }

  @Test
  void resetOffsetByTimeMovesAGroupBackToTheStart() throws Exception {
    createTopic("CliReset", 1);
    long before = System.currentTimeMillis() - 1000;
    send("CliReset", 3, "z");
    CountDownLatch consumed = new CountDownLatch(3);
    AtomicInteger seen = new AtomicInteger();
    DefaultMQPushConsumer c = new DefaultMQPushConsumer("cg-reset");
    c.setNamesrvAddr(ns);
    c.setInstanceName("cli-it-" + UUID.randomUUID());
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.setPersistConsumerOffsetInterval(200);
    c.subscribe("CliReset", "*");
    c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      msgs.forEach(m -> {
        seen.incrementAndGet();
        consumed.countDown();
      });
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    c.start();
    try {
      assertThat(consumed.await(60, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(1500); // offsets persisted
      CliRun r = admin("resetOffsetByTime", "-g", "cg-reset", "-t", "CliReset", "-s",
          "" + before, "--json");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode queues = r.json().path("queues");
      assertThat(queues).hasSize(1);
      assertThat(queues.get(0).path("offset").asLong()).isZero();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (seen.get() < 6 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(seen.get()).as("redelivered after the reset").isGreaterThanOrEqualTo(6);
    } finally {
      c.shutdown();
    }
    assertThat(admin("resetOffsetByTime", "-g", "cg-reset", "-t", "CliReset", "-s",
        "yesterday").code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void subscriptionGroupsAreCreatedAndDeleted() {
    CliRun created = ok("updateSubGroup", "-b", cluster.broker(), "-g", "cg-sub", "-r", "3",
        "-q", "2");
    assertThat(created.out()).contains("cg-sub").contains("success");
    CliRun deleted = ok("deleteSubGroup", "-c", EmbeddedCluster.CLUSTER, "-g", "cg-sub");
    assertThat(deleted.out()).contains("success");
    CliRun again = admin("deleteSubGroup", "-b", cluster.broker(), "-g", "cg-sub");
    assertThat(again.code()).as(again.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(admin("updateSubGroup", "-g", "cg-sub").code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void kvConfigIsPutAndDeleted() {
    assertThat(ok("updateKvConfig", "-s", "ns-cli", "-k", "k1", "-v", "v1").out())
        .contains("success");
    assertThat(ok("deleteKvConfig", "-s", "ns-cli", "-k", "k1").out()).contains("success");
    assertThat(admin("deleteKvConfig", "-s", "ns-cli", "-k", "k1").code())
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void deleteTopicRemovesItFromTheBrokersAndTheNameServer() {
    createTopic("CliDoomed", 1);
    CliRun r = ok("deleteTopic", "-c", EmbeddedCluster.CLUSTER, "-t", "CliDoomed");
    assertThat(r.out()).contains("delete topic [CliDoomed] from cluster");
    assertThat(ok("topicList").out().lines()).doesNotContain("CliDoomed");
    assertThat(admin("topicRoute", "-t", "CliDoomed").code()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void deadLetterIsResentToItsOriginalTopic() throws Exception {
    createTopic("CliDead", 1);
    CountDownLatch failed = new CountDownLatch(1);
    DefaultMQPushConsumer c = new DefaultMQPushConsumer("cg-dead");
    c.setNamesrvAddr(ns);
    c.setInstanceName("cli-it-" + UUID.randomUUID());
    c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    c.setMaxReconsumeTimes(0);
    c.subscribe("CliDead", "*");
    c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      failed.countDown();
      return ConsumeConcurrentlyStatus.RECONSUME_LATER;
    });
    c.start();
    String uniq;
    try {
      uniq = send("CliDead", 1, "dead").get(0).getMsgId();
      assertThat(failed.await(60, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (admin("topicRoute", "-t", "%DLQ%cg-dead").code() != 0
          && System.nanoTime() < deadline) {
        Thread.sleep(300);
      }
    } finally {
      c.shutdown();
    }
    CliRun r = ok("resendDeadLetter", "-g", "cg-dead", "-i", uniq);
    assertThat(r.out()).contains("CliDead").contains(uniq);
    JsonNode status = ok("topicStatus", "-t", "CliDead", "--json").json();
    assertThat(status.get(0).path("maxOffset").asLong()).isEqualTo(2);
    assertThat(admin("resendDeadLetter", "-g", "cg-dead", "-i", "NOPE00000000000000000000")
        .code()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void unreachableNameServerIsOneClearLineAndExitCodeThree() throws Exception {
    String dead = "127.0.0.1:" + FreePorts.one();
    CliRun r = CliRun.of("admin", "topicList", "-n", dead);
    assertThat(r.code()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(r.err().trim()).isEqualTo("cannot reach NameServer " + dead
        + ": connection refused");
    assertThat(r.out()).isEmpty();
    CliRun verbose = CliRun.of("admin", "topicList", "-n", dead, "--verbose");
    assertThat(verbose.err()).contains("cannot reach NameServer").contains("\tat ");
  }

  @Test
  void unknownTopicIsNotFoundWithExitCodeFour() {
    for (String cmd : List.of("topicStatus", "topicRoute", "topicClusterList")) {
      CliRun r = admin(cmd, "-t", "NoSuchTopic");
      assertThat(r.code()).as(cmd + " " + r).isEqualTo(ExitCode.NOT_FOUND);
      assertThat(r.err().trim()).isEqualTo(
          "topic 'NoSuchTopic' does not exist (no live broker serves it)");
    }
    assertThat(admin("consumerProgress", "-g", "no-such-group").code())
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(admin("getBrokerConfig", "-c", "NoSuchCluster").code())
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void badOptionsAreUsageErrorsWithExitCodeTwoAndNothingSent() {
    CliRun missing = admin("topicStatus");
    assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("Missing required option: '--topic");
    CliRun unknown = admin("topicList", "--bogus");
    assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err()).contains("Unknown option: '--bogus'");
    assertThat(CliRun.of("admin", "noSuchCommand").code()).isEqualTo(ExitCode.USAGE);
    CliRun notNumber = admin("updateTopic", "-c", "x", "-t", "T", "-w", "many");
    assertThat(notNumber.code()).isEqualTo(ExitCode.USAGE);
    CliRun badTopic = admin("updateTopic", "-c", EmbeddedCluster.CLUSTER, "-t", "bad topic!");
    assertThat(badTopic.code()).as(badTopic.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(badTopic.err().lines()).hasSize(1);
  }
}
