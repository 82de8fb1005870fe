package io.apogeemq.namesrv.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.namesrv.route.BrokerData;
import io.apogeemq.namesrv.route.ClusterSnapshot;
import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.QueueData;
import io.apogeemq.namesrv.route.TopicRoute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.body.TopicList;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our JSON must be what the official 5.3.3 body classes read back. */
@Timeout(10)
class RouteEncoderTest {

  static final BrokerData A = new BrokerData("DefaultCluster", "broker-a",
      new TreeMap<>(Map.of(0L, "127.0.0.1:10911", 1L, "127.0.0.2:10911")), "zone-1", false);

  @Test
  void officialClientReadsOurRoute() {
    TopicRoute route = new TopicRoute(List.of(new QueueData("broker-a", 4, 8, 6, 0)), List.of(A),
        Map.of("127.0.0.1:10911", List.of("127.0.0.1:40000")));
    TopicRouteData official = TopicRouteData.decode(RouteEncoder.topicRoute(route, "broker-a:8"), TopicRouteData.class);

    assertThat(official.getOrderTopicConf()).isEqualTo("broker-a:8");
    assertThat(official.getQueueDatas()).hasSize(1);
    var qd = official.getQueueDatas().get(0);
    assertThat(List.of(qd.getBrokerName(), qd.getReadQueueNums(), qd.getWriteQueueNums(), qd.getPerm(), qd.getTopicSysFlag()))
        .containsExactly("broker-a", 4, 8, 6, 0);
    var bd = official.getBrokerDatas().get(0);
    assertThat(bd.getCluster()).isEqualTo("DefaultCluster");
    assertThat(bd.getBrokerName()).isEqualTo("broker-a");
    assertThat(bd.getZoneName()).isEqualTo("zone-1");
    assertThat(bd.getBrokerAddrs()).containsEntry(0L, "127.0.0.1:10911").containsEntry(1L, "127.0.0.2:10911");
    assertThat(bd.selectBrokerAddr()).isEqualTo("127.0.0.1:10911");
    assertThat(official.getFilterServerTable()).containsEntry("127.0.0.1:10911", List.of("127.0.0.1:40000"));
    assertThat(official.getTopicQueueMappingByBroker()).isNullOrEmpty();
  }

  /** Any names survive our hand-written JSON and the official fastjson decoder unchanged. */
  @net.jqwik.api.Property(tries = 200, seed = "20261122")
  void arbitraryNamesRoundTripThroughTheOfficialDecoder(
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(min = 1, max = 20) String brokerName,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(min = 1, max = 20) String cluster,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(max = 20) String orderConf) {
    BrokerData bd = new BrokerData(cluster, brokerName, new TreeMap<>(Map.of(0L, "h:1")), null, false);
    TopicRoute route = new TopicRoute(List.of(new QueueData(brokerName, 1, 2, 6, 1)), List.of(bd), Map.of());
    TopicRouteData official = TopicRouteData.decode(RouteEncoder.topicRoute(route, orderConf), TopicRouteData.class);
    assertThat(official.getBrokerDatas().get(0).getBrokerName()).isEqualTo(brokerName);
    assertThat(official.getBrokerDatas().get(0).getCluster()).isEqualTo(cluster);
    assertThat(official.getQueueDatas().get(0).getBrokerName()).isEqualTo(brokerName);
    assertThat(official.getOrderTopicConf()).isEqualTo(orderConf);
  }

  @Test
  void routeWithoutOrderConfOmitsIt() {
    byte[] json = RouteEncoder.topicRoute(new TopicRoute(List.of(), List.of(A), Map.of()), null);
    assertThat(new String(json)).doesNotContain("orderTopicConf").contains("\"0\":\"127.0.0.1:10911\"");
    assertThat(TopicRouteData.decode(json, TopicRouteData.class).getOrderTopicConf()).isNull();
  }

  @Test
  void officialAdminReadsOurClusterInfo() {
    ClusterInfo info = ClusterInfo.decode(
        RouteEncoder.clusterInfo(new ClusterSnapshot(Map.of("broker-a", A), Map.of("DefaultCluster", Set.of("broker-a")))),
        ClusterInfo.class);
    assertThat(info.getClusterAddrTable()).containsEntry("DefaultCluster", Set.of("broker-a"));
    assertThat(info.getBrokerAddrTable().get("broker-a").getBrokerAddrs()).containsEntry(0L, "127.0.0.1:10911");
  }

  @Test
  void officialClassesReadOurSmallBodies() {
    TopicList list = TopicList.decode(SmallBodies.topicList(List.of("T1", "T2"), "h:1"), TopicList.class);
    assertThat(list.getTopicList()).containsExactlyInAnyOrder("T1", "T2");
    assertThat(list.getBrokerAddr()).isEqualTo("h:1");

    KVTable kv = KVTable.decode(SmallBodies.kvTable(Map.of("k", "v")), KVTable.class);
    assertThat(kv.getTable()).isEqualTo(Map.of("k", "v"));

    var dv = RemotingSerializable.decode(SmallBodies.dataVersion(new DataVersion(5, 77, 2)),
        org.apache.rocketmq.remoting.protocol.DataVersion.class);
    assertThat(List.of(dv.getCounter().get(), dv.getTimestamp(), dv.getStateVersion())).containsExactly(5L, 77L, 2L);
  }

  @Test
  void parsesTheOfficialDataVersion() throws Exception {
    var official = new org.apache.rocketmq.remoting.protocol.DataVersion();
    official.nextVersion();
    DataVersion ours = SmallBodies.parseDataVersion(official.encode());
    assertThat(ours.counter()).isEqualTo(official.getCounter().get());
    assertThat(ours.timestamp()).isEqualTo(official.getTimestamp());
  }
}
