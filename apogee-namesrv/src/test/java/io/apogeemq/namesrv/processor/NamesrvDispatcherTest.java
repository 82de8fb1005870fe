package io.apogeemq.namesrv.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.namesrv.NamesrvServices;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.namesrv.wire.OfficialBodies;
import io.apogeemq.namesrv.wire.RegisterBodyDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.body.TopicList;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Request handling end to end below the transport: codes in, protocol answers out. */
@Timeout(20)
class NamesrvDispatcherTest {

  @TempDir Path dir;
  NamesrvServices services;
  NamesrvDispatcher dispatcher;

  @BeforeEach
  void open() throws Exception {
    Properties p = new Properties();
    p.setProperty("kvConfigPath", dir.resolve("kv.json").toString());
    p.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
    services = NamesrvServices.open(NamesrvConfig.fromProperties(p, w -> {}), Clock.systemUTC());
    dispatcher = services.dispatcher();
  }

  @AfterEach
  void close() {
    services.close();
  }

  static Map<String, String> registerHeader(String name, long id, String addr, byte[] body, boolean compressed) {
    Map<String, String> h = new HashMap<>();
    h.put("brokerName", name);
    h.put("brokerAddr", addr);
    h.put("clusterName", "DefaultCluster");
    h.put("haServerAddr", addr + "1");
    h.put("brokerId", Long.toString(id));
    h.put("compressed", Boolean.toString(compressed));
    h.put("bodyCrc32", Integer.toString(RegisterBodyDecoder.crc32(body)));
    return h;
  }

  NamesrvReply call(int code, Map<String, String> fields, byte[] body) {
    return dispatcher.dispatch(new NamesrvRequest(code, 479, fields, body, null, "test"));
  }

  void registerBrokerA() {
    byte[] body = OfficialBodies.registerBody("Topic", 3, 4, 1).encode(false);
    NamesrvReply r = call(NamesrvCodes.REGISTER_BROKER, registerHeader("broker-a", 0, "127.0.0.1:10911", body, false), body);
    assertThat(r.code()).isEqualTo(NamesrvCodes.SUCCESS);
  }

  @Test
  void registeredTopicsAreServedAsOfficialRoutes() {
    registerBrokerA();
    NamesrvReply r = call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic1"), null);
    assertThat(r.code()).isEqualTo(NamesrvCodes.SUCCESS);
    TopicRouteData route = TopicRouteData.decode(r.body(), TopicRouteData.class);
    assertThat(route.getBrokerDatas().get(0).getBrokerAddrs()).containsEntry(0L, "127.0.0.1:10911");
    assertThat(route.getQueueDatas().get(0).getWriteQueueNums()).isEqualTo(4);

    NamesrvReply cached = call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic1"), null);
    assertThat(cached.body()).isEqualTo(r.body());

    ClusterInfo info = ClusterInfo.decode(call(NamesrvCodes.GET_BROKER_CLUSTER_INFO, Map.of(), null).body(), ClusterInfo.class);
    assertThat(info.getClusterAddrTable().get("DefaultCluster")).containsExactly("broker-a");
    TopicList all = TopicList.decode(call(NamesrvCodes.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, Map.of(), null).body(), TopicList.class);
    assertThat(all.getTopicList()).containsExactlyInAnyOrder("Topic0", "Topic1", "Topic2");
    TopicList byCluster = TopicList.decode(
        call(NamesrvCodes.GET_TOPICS_BY_CLUSTER, Map.of("cluster", "DefaultCluster"), null).body(), TopicList.class);
    assertThat(byCluster.getTopicList()).hasSize(3);
    TopicList system = TopicList.decode(call(NamesrvCodes.GET_SYSTEM_TOPIC_LIST_FROM_NS, Map.of(), null).body(), TopicList.class);
    assertThat(system.getTopicList()).containsExactlyInAnyOrder("DefaultCluster", "broker-a");
    assertThat(system.getBrokerAddr()).isEqualTo("127.0.0.1:10911");
  }

  @Test
  void compressedRegistrationWorksLikeJson() {
    byte[] body = OfficialBodies.registerBody("Z", 2, 2, 1).encode(true);
    assertThat(call(NamesrvCodes.REGISTER_BROKER, registerHeader("broker-z", 0, "h:1", body, true), body).code())
        .isEqualTo(NamesrvCodes.SUCCESS);
    assertThat(call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Z1"), null).code()).isEqualTo(NamesrvCodes.SUCCESS);
  }

  @Test
  void slaveRegistrationIsToldWhereItsMasterIs() {
    registerBrokerA();
    byte[] body = OfficialBodies.registerBody("Topic", 3, 4, 1).encode(false);
    NamesrvReply r = call(NamesrvCodes.REGISTER_BROKER, registerHeader("broker-a", 1, "127.0.0.2:10911", body, false), body);
    assertThat(r.fields()).containsEntry("masterAddr", "127.0.0.1:10911").containsEntry("haServerAddr", "127.0.0.1:109111");
  }

  @Test
  void unknownTopicGetsTopicNotExistAndMissingTopicGetsSystemError() {
    NamesrvReply unknown = call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Nope"), null);
    assertThat(unknown.code()).isEqualTo(NamesrvCodes.TOPIC_NOT_EXIST);
    assertThat(unknown.remark()).contains("Nope");
    NamesrvReply missing = call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of(), null);
    assertThat(missing.code()).isEqualTo(NamesrvCodes.SYSTEM_ERROR);
    assertThat(missing.remark()).contains("topic");
  }

  @Test
  void corruptTruncatedOrCrcMismatchedRegistrationsAreRefusedAndChangeNothing() {
    byte[] body = OfficialBodies.registerBody("Topic", 3, 4, 1).encode(false);
    byte[] truncated = Arrays.copyOf(body, body.length - 10);
    NamesrvReply r1 = call(NamesrvCodes.REGISTER_BROKER, registerHeader("broker-a", 0, "h:1", truncated, false), truncated);
    assertThat(r1.code()).isEqualTo(NamesrvCodes.SYSTEM_ERROR);
    assertThat(r1.remark()).contains("broker-a").contains("JSON");

    Map<String, String> badCrc = registerHeader("broker-a", 0, "h:1", body, false);
    badCrc.put("bodyCrc32", "12345");
    NamesrvReply r2 = call(NamesrvCodes.REGISTER_BROKER, badCrc, body);
    assertThat(r2.code()).isEqualTo(NamesrvCodes.SYSTEM_ERROR);
    assertThat(r2.remark()).isEqualTo("crc32 not match");

    byte[] zip = OfficialBodies.registerBody("Topic", 3, 4, 1).encode(true);
    byte[] halfZip = Arrays.copyOf(zip, zip.length / 2);
    NamesrvReply r3 = call(NamesrvCodes.REGISTER_BROKER, registerHeader("broker-a", 0, "h:1", halfZip, true), halfZip);
    assertThat(r3.code()).isEqualTo(NamesrvCodes.SYSTEM_ERROR);

    Map<String, String> noId = registerHeader("broker-a", 0, "h:1", body, false);
    noId.remove("brokerId");
    assertThat(call(NamesrvCodes.REGISTER_BROKER, noId, body).remark()).contains("brokerId");

    assertThat(services.routes().allTopics()).isEmpty();
    assertThat(services.routes().liveBrokers()).isEmpty();
    registerBrokerA();
  }

  @Test
  void unknownCodesAreNotSupported() {
    NamesrvReply r = call(12345, Map.of(), null);
    assertThat(r.code()).isEqualTo(NamesrvCodes.REQUEST_CODE_NOT_SUPPORTED);
    assertThat(r.remark()).contains("12345");
  }

  @Test
  void kvConfigRoundTripsAndFeedsOrderTopicConfIntoRoutes() throws Exception {
    registerBrokerA();
    Map<String, String> put = Map.of("namespace", "ORDER_TOPIC_CONFIG", "key", "Topic1", "value", "broker-a:4");
    assertThat(call(NamesrvCodes.PUT_KV_CONFIG, put, null).code()).isZero();
    assertThat(call(NamesrvCodes.GET_KV_CONFIG, Map.of("namespace", "ORDER_TOPIC_CONFIG", "key", "Topic1"), null).fields())
        .containsEntry("value", "broker-a:4");
    KVTable table = KVTable.decode(
        call(NamesrvCodes.GET_KVLIST_BY_NAMESPACE, Map.of("namespace", "ORDER_TOPIC_CONFIG"), null).body(), KVTable.class);
    assertThat(table.getTable()).containsEntry("Topic1", "broker-a:4");

    // orderMessageEnable is off by default: no orderTopicConf; on: present.
    byte[] before = call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic1"), null).body();
    assertThat(TopicRouteData.decode(before, TopicRouteData.class).getOrderTopicConf()).isNull();
    NamesrvReply upd = call(NamesrvCodes.UPDATE_NAMESRV_CONFIG, Map.of(),
        "orderMessageEnable=true\n".getBytes(StandardCharsets.UTF_8));
    assertThat(upd.code()).isZero();
    byte[] after = call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic1"), null).body();
    assertThat(TopicRouteData.decode(after, TopicRouteData.class).getOrderTopicConf()).isEqualTo("broker-a:4");

    // the broker is sent the order namespace on registration
    byte[] body = OfficialBodies.registerBody("Topic", 3, 4, 1).encode(false);
    NamesrvReply reg = call(NamesrvCodes.REGISTER_BROKER, registerHeader("broker-a", 0, "127.0.0.1:10911", body, false), body);
    assertThat(KVTable.decode(reg.body(), KVTable.class).getTable()).containsEntry("Topic1", "broker-a:4");

    assertThat(call(NamesrvCodes.DELETE_KV_CONFIG, Map.of("namespace", "ORDER_TOPIC_CONFIG", "key", "Topic1"), null).code()).isZero();
    assertThat(call(NamesrvCodes.GET_KV_CONFIG, Map.of("namespace", "ORDER_TOPIC_CONFIG", "key", "Topic1"), null).code())
        .isEqualTo(NamesrvCodes.QUERY_NOT_FOUND);
    assertThat(call(NamesrvCodes.GET_KVLIST_BY_NAMESPACE, Map.of("namespace", "ORDER_TOPIC_CONFIG"), null).code())
        .isEqualTo(NamesrvCodes.QUERY_NOT_FOUND);
    byte[] gone = call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic1"), null).body();
    assertThat(TopicRouteData.decode(gone, TopicRouteData.class).getOrderTopicConf()).isNull();
  }

  @Test
  void namesrvConfigCanBeReadAndUpdatedExceptBlackListedKeys() {
    String text = new String(call(NamesrvCodes.GET_NAMESRV_CONFIG, Map.of(), null).body(), StandardCharsets.UTF_8);
    assertThat(text).contains("listenPort=9876").contains("orderMessageEnable=false");
    NamesrvReply black = call(NamesrvCodes.UPDATE_NAMESRV_CONFIG, Map.of(), "kvConfigPath=/x\n".getBytes(StandardCharsets.UTF_8));
    assertThat(black.code()).isEqualTo(NamesrvCodes.NO_PERMISSION);
    NamesrvReply bad = call(NamesrvCodes.UPDATE_NAMESRV_CONFIG, Map.of(), "enableTopicList=perhaps\n".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.code()).isEqualTo(NamesrvCodes.SYSTEM_ERROR);
    assertThat(bad.remark()).contains("enableTopicList");
  }

  @Test
  void writePermissionTogglesAndTopicDeletionAnswerCounts() {
    registerBrokerA();
    NamesrvReply wipe = call(NamesrvCodes.WIPE_WRITE_PERM_OF_BROKER, Map.of("brokerName", "broker-a"), null);
    assertThat(wipe.fields()).containsEntry("wipeTopicCount", "3");
    TopicRouteData route = TopicRouteData.decode(
        call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic0"), null).body(), TopicRouteData.class);
    assertThat(route.getQueueDatas().get(0).getPerm()).isEqualTo(4);
    assertThat(call(NamesrvCodes.ADD_WRITE_PERM_OF_BROKER, Map.of("brokerName", "broker-a"), null).fields())
        .containsEntry("addTopicCount", "3");
    assertThat(call(NamesrvCodes.DELETE_TOPIC_IN_NAMESRV, Map.of("topic", "Topic0"), null).code()).isZero();
    assertThat(call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic0"), null).code())
        .isEqualTo(NamesrvCodes.TOPIC_NOT_EXIST);
  }

  @Test
  void singleTopicRegistrationAndHeartbeatFromRegisteredBrokers() {
    registerBrokerA();
    org.apache.rocketmq.remoting.protocol.route.QueueData qd = new org.apache.rocketmq.remoting.protocol.route.QueueData();
    qd.setBrokerName("broker-a");
    qd.setReadQueueNums(2);
    qd.setWriteQueueNums(2);
    qd.setPerm(6);
    TopicRouteData body = new TopicRouteData();
    body.setQueueDatas(java.util.List.of(qd));
    assertThat(call(NamesrvCodes.REGISTER_TOPIC_IN_NAMESRV, Map.of("topic", "Single"), body.encode()).code()).isZero();
    TopicRouteData route = TopicRouteData.decode(
        call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Single"), null).body(), TopicRouteData.class);
    assertThat(route.getQueueDatas().get(0).getWriteQueueNums()).isEqualTo(2);
    assertThat(call(NamesrvCodes.REGISTER_TOPIC_IN_NAMESRV, Map.of("topic", "Single"), "{]".getBytes(StandardCharsets.UTF_8)).code())
        .isEqualTo(NamesrvCodes.SYSTEM_ERROR);

    long before = services.routes().liveBrokers().values().iterator().next().lastUpdateMillis();
    assertThat(call(NamesrvCodes.BROKER_HEARTBEAT, Map.of("clusterName", "DefaultCluster", "brokerAddr", "127.0.0.1:10911",
        "brokerName", "broker-a"), null).code()).isZero();
    assertThat(services.routes().liveBrokers().values().iterator().next().lastUpdateMillis()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void unregisterAndDataVersionQuery() {
    registerBrokerA();
    var v = new org.apache.rocketmq.remoting.protocol.DataVersion();
    v.setCounter(new java.util.concurrent.atomic.AtomicLong(1));
    v.setTimestamp(1_700_000_000_000L);
    Map<String, String> h = Map.of("brokerName", "broker-a", "brokerAddr", "127.0.0.1:10911",
        "clusterName", "DefaultCluster", "brokerId", "0");
    NamesrvReply same = call(NamesrvCodes.QUERY_DATA_VERSION, h, v.encode());
    assertThat(same.fields()).containsEntry("changed", "false");
    v.nextVersion();
    assertThat(call(NamesrvCodes.QUERY_DATA_VERSION, h, v.encode()).fields()).containsEntry("changed", "true");

    assertThat(call(NamesrvCodes.UNREGISTER_BROKER, h, null).code()).isZero();
    assertThat(call(NamesrvCodes.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Topic0"), null).code())
        .isEqualTo(NamesrvCodes.TOPIC_NOT_EXIST);
  }
}
