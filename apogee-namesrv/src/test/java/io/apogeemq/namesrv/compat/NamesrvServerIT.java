package io.apogeemq.namesrv.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import io.apogeemq.namesrv.testkit.OfficialRpc;
import io.apogeemq.namesrv.wire.OfficialBodies;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.TopicList;
import org.apache.rocketmq.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Apogee NameServer on a real socket, driven by the official 5.3.3 client and admin classes. */
@Timeout(60)
class NamesrvServerIT {

  @TempDir Path dir;
  NamesrvServer server;
  String addr;
  OfficialRpc rpc;

  @BeforeEach
  void start() throws Exception {
    Properties p = new Properties();
    p.setProperty("listenPort", "0");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("kvConfigPath", dir.resolve("kv.json").toString());
    p.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
    server = NamesrvServer.create(NamesrvConfig.fromProperties(p, w -> {}), Clock.systemUTC());
    server.start();
    addr = "127.0.0.1:" + server.port();
    rpc = new OfficialRpc();
  }

  @AfterEach
  void stop() {
    rpc.close();
    server.close();
  }

  RemotingCommand routeRequest(String topic, int version) {
    GetRouteInfoRequestHeader h = new GetRouteInfoRequestHeader();
    h.setTopic(topic);
    RemotingCommand r = RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, h);
    r.setVersion(version);
    return r;
  }

  void registerBrokerA(OfficialRpc via, boolean compressed) throws Exception {
    RemotingCommand resp = via.call(addr, OfficialRpc.registerRequest("DefaultCluster", "broker-a", 0,
        "127.0.0.1:10911", OfficialBodies.registerBody("Topic", 4, 4, 1), compressed));
    assertThat(resp.getCode()).as(resp.getRemark()).isEqualTo(ResponseCode.SUCCESS);
  }

  @Test
  void officialRegistrationIsServedToNewAndOldClientVersions() throws Exception {
    registerBrokerA(rpc, true);
    for (int version : List.of(479, 409, 300)) {
      RemotingCommand resp = rpc.call(addr, routeRequest("Topic2", version));
      assertThat(resp.getCode()).isEqualTo(ResponseCode.SUCCESS);
      TopicRouteData route = TopicRouteData.decode(resp.getBody(), TopicRouteData.class);
      assertThat(route.getBrokerDatas().get(0).getBrokerAddrs()).containsEntry(0L, "127.0.0.1:10911");
      assertThat(route.getQueueDatas().get(0).getReadQueueNums()).isEqualTo(4);
      assertThat(resp.getVersion()).isNotZero();
    }
  }

  @Test
  void badInputGetsProtocolErrorsAndTheServerKeepsServing() throws Exception {
    RemotingCommand noTopic = RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, null);
    assertThat(rpc.call(addr, noTopic).getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);

    RemotingCommand unknown = RemotingCommand.createRequestCommand(9_999, null);
    RemotingCommand unknownResp = rpc.call(addr, unknown);
    assertThat(unknownResp.getCode()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);

    RemotingCommand corrupt = OfficialRpc.registerRequest("DefaultCluster", "broker-a", 0, "127.0.0.1:10911",
        OfficialBodies.registerBody("Topic", 4, 4, 1), false, false);
    corrupt.setBody(Arrays.copyOf(corrupt.getBody(), corrupt.getBody().length / 2));
    RemotingCommand corruptResp = rpc.call(addr, corrupt);
    assertThat(corruptResp.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(corruptResp.getRemark()).contains("broker-a");

    RemotingCommand crc = OfficialRpc.registerRequest("DefaultCluster", "broker-a", 0, "127.0.0.1:10911",
        OfficialBodies.registerBody("Topic", 4, 4, 1), true);
    crc.getBody()[crc.getBody().length - 1] ^= 0x55;
    assertThat(rpc.call(addr, crc).getRemark()).isEqualTo("crc32 not match");

    assertThat(rpc.call(addr, routeRequest("Topic1", 479)).getCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    registerBrokerA(rpc, false);
    assertThat(rpc.call(addr, routeRequest("Topic1", 479)).getCode()).isEqualTo(ResponseCode.SUCCESS);
  }

  @Test
  void closingTheBrokerConnectionRemovesItsRoutesAtOnce() throws Exception {
    try (OfficialRpc brokerSide = new OfficialRpc()) {
      registerBrokerA(brokerSide, false);
      assertThat(rpc.call(addr, routeRequest("Topic0", 479)).getCode()).isEqualTo(ResponseCode.SUCCESS);
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(rpc.call(addr, routeRequest("Topic0", 479)).getCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
    assertThat(server.services().routes().clusterInfo().brokers()).isEmpty();
  }

  @Test
  void closeStopsEveryThreadTheServerStarted() throws Exception {
    registerBrokerA(rpc, false);
    assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().startsWith("apogee-namesrv"));
    server.close();
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(Thread.getAllStackTraces().keySet())
            .filteredOn(t -> t.isAlive() && t.getName().startsWith("apogee-namesrv"))
            .extracting(Thread::getName)
            .isEmpty());
  }

  @Test
  void officialAdminReadsClusterTopicsKvAndConfig() throws Exception {
    registerBrokerA(rpc, false);
    DefaultMQAdminExt admin = new DefaultMQAdminExt(5_000);
    admin.setNamesrvAddr(addr);
    admin.setInstanceName("namesrv-it-" + System.nanoTime());
    admin.start();
    try {
      ClusterInfo info = admin.examineBrokerClusterInfo();
      assertThat(info.getClusterAddrTable()).containsEntry("DefaultCluster", Set.of("broker-a"));
      TopicList all = admin.fetchAllTopicList();
      assertThat(all.getTopicList()).containsExactlyInAnyOrder("Topic0", "Topic1", "Topic2", "Topic3");
      assertThat(admin.examineTopicRouteInfo("Topic3").getQueueDatas()).hasSize(1);
      assertThatThrownBy(() -> admin.examineTopicRouteInfo("Missing")).isInstanceOf(MQClientException.class);

      admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", "Topic0", "broker-a:4");
      assertThat(admin.getKVConfig("ORDER_TOPIC_CONFIG", "Topic0")).isEqualTo("broker-a:4");
      assertThat(admin.getKVListByNamespace("ORDER_TOPIC_CONFIG").getTable()).containsEntry("Topic0", "broker-a:4");
      admin.deleteKvConfig("ORDER_TOPIC_CONFIG", "Topic0");

      assertThat(admin.wipeWritePermOfBroker(addr, "broker-a")).isEqualTo(4);
      assertThat(admin.examineTopicRouteInfo("Topic0").getQueueDatas().get(0).getPerm()).isEqualTo(4);
      assertThat(admin.addWritePermOfBroker(addr, "broker-a")).isEqualTo(4);

      Properties upd = new Properties();
      upd.setProperty("orderMessageEnable", "true");
      admin.updateNameServerConfig(upd, List.of(addr));
      Map<String, Properties> cfg = admin.getNameServerConfig(List.of(addr));
      assertThat(cfg.get(addr).getProperty("orderMessageEnable")).isEqualTo("true");

      admin.deleteTopicInNameServer(Set.of(addr), "Topic3");
      assertThat(admin.fetchAllTopicList().getTopicList()).doesNotContain("Topic3");
    } finally {
      admin.shutdown();
    }
    assertThat(new HashMap<>(server.services().kv().namespace("ORDER_TOPIC_CONFIG"))).isEmpty();
  }
}
