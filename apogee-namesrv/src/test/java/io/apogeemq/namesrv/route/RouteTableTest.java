package io.apogeemq.namesrv.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RouteTableTest {

  static final long T0 = 1_000_000L;

  static BrokerRegistration reg(String cluster, String name, long id, String addr, long counter, Object conn,
      TopicConfigEntry... topics) {
    return new BrokerRegistration(cluster, name, addr, id, addr.replace(":10911", ":10912"), null, 120_000, false,
        new DataVersion(counter, 1L, 0L), List.of(topics), List.of(), conn);
  }

  static TopicConfigEntry topic(String name, int queues) {
    return new TopicConfigEntry(name, queues, queues, Perm.READ | Perm.WRITE, 0);
  }

  @Test
  void registeredBrokerServesItsTopicsWithItsAddresses() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "broker-a", 0, "10.0.0.1:10911", 1, null, topic("T", 4)), T0);

    TopicRoute route = t.route("T").orElseThrow();
    assertThat(route.queueDatas()).containsExactly(new QueueData("broker-a", 4, 4, 6, 0));
    assertThat(route.brokerDatas()).hasSize(1);
    assertThat(route.brokerDatas().get(0).brokerAddrs()).isEqualTo(Map.of(0L, "10.0.0.1:10911"));
    assertThat(route.brokerDatas().get(0).cluster()).isEqualTo("C");
    assertThat(t.route("unknown")).isEmpty();
  }

  @Test
  void reRegistrationWithSameDataVersionKeepsTopicsButNewVersionReplacesThem() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "a", 0, "h:10911", 1, null, topic("T", 4)), T0);
    long gen = t.generation();

    t.register(reg("C", "a", 0, "h:10911", 1, null, topic("T", 8)), T0 + 1);
    assertThat(t.route("T").orElseThrow().queueDatas().get(0).writeQueueNums()).isEqualTo(4);
    assertThat(t.generation()).isEqualTo(gen);

    t.register(reg("C", "a", 0, "h:10911", 2, null, topic("T", 8), topic("U", 2)), T0 + 2);
    assertThat(t.route("T").orElseThrow().queueDatas().get(0).writeQueueNums()).isEqualTo(8);
    assertThat(t.route("U")).isPresent();
    assertThat(t.generation()).isGreaterThan(gen);
    assertThat(t.liveBrokers().get(new BrokerAddrKey("C", "h:10911")).lastUpdateMillis()).isEqualTo(T0 + 2);
  }

  @Test
  void topicsDroppedByBrokerStayUnlessDeleteWithRegistrationIsOn() {
    RouteTable keep = new RouteTable(false);
    RouteTable drop = new RouteTable(true);
    for (RouteTable t : List.of(keep, drop)) {
      t.register(reg("C", "a", 0, "h:1", 1, null, topic("T", 4), topic("U", 4)), T0);
      t.register(reg("C", "a", 0, "h:1", 2, null, topic("T", 4)), T0);
    }
    assertThat(keep.route("U")).isPresent();
    assertThat(drop.route("U")).isEmpty();
  }

  @Test
  void slaveLearnsMasterAddressesAndCannotOverrideMasterTopics() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "a", 0, "m:10911", 1, null, topic("T", 4)), T0);
    RegisterResult r = t.register(reg("C", "a", 1, "s:10911", 9, null, topic("T", 16)), T0);

    assertThat(r).isEqualTo(new RegisterResult("m:10911", "m:10912"));
    TopicRoute route = t.route("T").orElseThrow();
    assertThat(route.queueDatas().get(0).writeQueueNums()).isEqualTo(4);
    assertThat(route.brokerDatas().get(0).brokerAddrs()).isEqualTo(Map.of(0L, "m:10911", 1L, "s:10911"));
  }

  @Test
  void lowestSlaveProvidesTopicsWhileNoMasterIsRegistered() {
    RouteTable t = new RouteTable();
    RegisterResult r = t.register(reg("C", "a", 1, "s:10911", 1, null, topic("T", 4)), T0);
    assertThat(r).isEqualTo(new RegisterResult(null, null));
    assertThat(t.route("T")).isPresent();
    assertThat(t.route("T").orElseThrow().brokerDatas().get(0).masterAddr()).isNull();
  }

  @Test
  void brokersSilentLongerThanTheirTimeoutExpireAndLeaveNoTrace() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "a", 0, "a:1", 1, null, topic("T", 4), topic("OnlyA", 1)), T0);
    t.register(reg("C", "b", 0, "b:1", 1, null, topic("T", 4)), T0 + 60_000);

    assertThat(t.removeExpired(T0 + 120_000)).isEmpty();
    assertThat(t.removeExpired(T0 + 120_001)).containsExactly(new BrokerAddrKey("C", "a:1"));

    assertThat(t.route("OnlyA")).isEmpty();
    assertThat(t.route("T").orElseThrow().queueDatas()).extracting(QueueData::brokerName).containsExactly("b");
    assertThat(t.clusterInfo().brokers()).containsOnlyKeys("b");
    assertThat(t.clusterInfo().clusters()).isEqualTo(Map.of("C", Set.of("b")));
    assertThat(t.liveBrokers()).containsOnlyKeys(new BrokerAddrKey("C", "b:1"));

    assertThat(t.removeExpired(T0 + 180_001)).containsExactly(new BrokerAddrKey("C", "b:1"));
    assertThat(t.allTopics()).isEmpty();
    assertThat(t.clusterInfo().clusters()).isEmpty();
  }

  @Test
  void brokerTimeoutFromRegistrationIsHonoured() {
    RouteTable t = new RouteTable();
    t.register(new BrokerRegistration("C", "a", "a:1", 0, "a:2", null, 5_000, false, new DataVersion(1, 1, 0),
        List.of(topic("T", 1)), List.of(), null), T0);
    assertThat(t.removeExpired(T0 + 5_001)).hasSize(1);
  }

  @Test
  void closedConnectionRemovesItsBrokersAtOnce() {
    RouteTable t = new RouteTable();
    Object connA = new Object();
    Object connB = new Object();
    t.register(reg("C", "a", 0, "a:1", 1, connA, topic("T", 4)), T0);
    t.register(reg("C", "a", 1, "a2:1", 1, connB, topic("T", 4)), T0);

    assertThat(t.removeConnection(connA)).containsExactly(new BrokerAddrKey("C", "a:1"));
    TopicRoute route = t.route("T").orElseThrow();
    assertThat(route.brokerDatas().get(0).brokerAddrs()).isEqualTo(Map.of(1L, "a2:1"));

    assertThat(t.removeConnection(connB)).hasSize(1);
    assertThat(t.route("T")).isEmpty();
  }

  @Test
  void unregisterRemovesOneAddress() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "a", 0, "a:1", 1, null, topic("T", 4)), T0);
    assertThat(t.unregister("C", "a:1", "a")).isTrue();
    assertThat(t.unregister("C", "a:1", "a")).isFalse();
    assertThat(t.route("T")).isEmpty();
    assertThat(t.clusterInfo().brokers()).isEmpty();
  }

  @Test
  void deleteTopicRemovesItEverywhereOrOnlyInOneCluster() {
    RouteTable t = new RouteTable();
    t.register(reg("C1", "a", 0, "a:1", 1, null, topic("T", 4), topic("U", 4)), T0);
    t.register(reg("C2", "b", 0, "b:1", 1, null, topic("T", 4)), T0);

    assertThat(t.deleteTopic("T", "C1")).isTrue();
    assertThat(t.route("T").orElseThrow().queueDatas()).extracting(QueueData::brokerName).containsExactly("b");
    assertThat(t.deleteTopic("U", null)).isTrue();
    assertThat(t.route("U")).isEmpty();
    assertThat(t.deleteTopic("nope", null)).isFalse();
    assertThat(t.allTopics()).containsExactly("T");
  }

  @Test
  void clusterInfoAndTopicListsReflectLiveBrokers() {
    RouteTable t = new RouteTable();
    t.register(reg("C1", "a", 0, "a:1", 1, null, topic("T", 4)), T0);
    t.register(reg("C1", "a", 1, "a:2", 1, null), T0);
    t.register(reg("C2", "b", 0, "b:1", 1, null, topic("U", 4),
        new TopicConfigEntry("Unit", 1, 1, 6, Perm.FLAG_UNIT)), T0);

    ClusterSnapshot info = t.clusterInfo();
    assertThat(info.clusters()).isEqualTo(Map.of("C1", Set.of("a"), "C2", Set.of("b")));
    assertThat(info.brokers().get("a").brokerAddrs()).isEqualTo(Map.of(0L, "a:1", 1L, "a:2"));
    assertThat(t.allTopics()).containsExactlyInAnyOrder("T", "U", "Unit");
    assertThat(t.topicsOfCluster("C2")).containsExactlyInAnyOrder("U", "Unit");
    assertThat(t.topicsOfCluster("none")).isEmpty();
    assertThat(t.topicsWithSysFlag(f -> (f & Perm.FLAG_UNIT) != 0)).containsExactly("Unit");
    assertThat(t.clusterAndBrokerNames()).containsExactlyInAnyOrder("C1", "C2", "a", "b");
    assertThat(t.anyBrokerAddr()).isIn("a:1", "b:1");
  }

  @Test
  void writePermissionCanBeWipedAndRestoredPerBrokerName() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "a", 0, "a:1", 1, null, topic("T", 4), topic("U", 4)), T0);
    t.register(reg("C", "b", 0, "b:1", 1, null, topic("T", 4)), T0);

    assertThat(t.changeWritePerm("a", false)).isEqualTo(2);
    assertThat(t.route("T").orElseThrow().queueDatas())
        .extracting(QueueData::perm).containsExactly(Perm.READ, Perm.READ | Perm.WRITE);
    assertThat(t.changeWritePerm("a", true)).isEqualTo(2);
    assertThat(t.route("U").orElseThrow().queueDatas().get(0).perm()).isEqualTo(6);
    assertThat(t.changeWritePerm("zzz", true)).isZero();
  }

  @Test
  void dataVersionQueryRefreshesLiveness() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "a", 0, "a:1", 7, null, topic("T", 4)), T0);
    assertThat(t.touchAndGetDataVersion(new BrokerAddrKey("C", "a:1"), T0 + 100_000))
        .contains(new DataVersion(7, 1, 0));
    assertThat(t.removeExpired(T0 + 150_000)).isEmpty();
    assertThat(t.touchAndGetDataVersion(new BrokerAddrKey("C", "x:1"), T0)).isEmpty();
  }

  @Test
  void sameAddressChangingIdReplacesItsOldEntry() {
    RouteTable t = new RouteTable();
    t.register(reg("C", "a", 1, "a:1", 1, null, topic("T", 4)), T0);
    t.register(reg("C", "a", 0, "a:1", 1, null, topic("T", 4)), T0);
    assertThat(t.clusterInfo().brokers().get("a").brokerAddrs()).isEqualTo(Map.of(0L, "a:1"));
  }
}
