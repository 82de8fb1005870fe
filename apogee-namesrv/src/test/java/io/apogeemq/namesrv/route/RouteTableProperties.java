package io.apogeemq.namesrv.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever sequence of registrations, unregistrations, expiries, closed connections and topic
 * deletions happens, the tables stay consistent: no route points at a missing broker, no cluster
 * lists a missing broker name, no broker data is empty, and every live address appears in its
 * broker data.
 */
class RouteTableProperties {

  sealed interface Op permits Register, Unregister, Expire, Close, Delete {}

  record Register(int broker, int id, int conn, int version, Set<Integer> topics) implements Op {}

  record Unregister(int broker, int id) implements Op {}

  record Expire(long advanceMillis) implements Op {}

  record Close(int conn) implements Op {}

  record Delete(int topic, boolean inCluster) implements Op {}

  static final Object[] CONNECTIONS = {new Object(), new Object(), new Object()};

  static String name(int broker) {
    return "b" + broker;
  }

  static String cluster(int broker) {
    return "c" + (broker % 2);
  }

  static String addr(int broker, int id) {
    return "h" + broker + "-" + id + ":1";
  }

  @Provide
  Arbitrary<Op> op() {
    Arbitrary<Integer> broker = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> id = Arbitraries.integers().between(0, 2);
    Arbitrary<Op> register = Combinators.combine(broker, id, Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5).set().ofMaxSize(4))
        .as((b, i, c, v, t) -> (Op) new Register(b, i, c, v, t));
    Arbitrary<Op> unregister = Combinators.combine(broker, id).as((b, i) -> (Op) new Unregister(b, i));
    Arbitrary<Op> expire = Arbitraries.longs().between(0, 130_000).map(Expire::new);
    Arbitrary<Op> close = Arbitraries.integers().between(0, 2).map(Close::new);
    Arbitrary<Op> delete = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(true, false))
        .as((t, c) -> (Op) new Delete(t, c));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, register), net.jqwik.api.Tuple.of(2, unregister), net.jqwik.api.Tuple.of(2, expire),
        net.jqwik.api.Tuple.of(1, close), net.jqwik.api.Tuple.of(1, delete));
  }

  @Property(tries = 300, seed = "20261122")
  void tablesStayConsistent(@ForAll @Size(max = 40) List<@net.jqwik.api.From("op") Op> ops) {
    RouteTable t = new RouteTable();
    long now = 0;
    for (Op op : ops) {
      if (op instanceof Register r) {
        List<TopicConfigEntry> topics = new ArrayList<>();
        r.topics().forEach(x -> topics.add(new TopicConfigEntry("t" + x, 4, 4, 6, 0)));
        t.register(new BrokerRegistration(cluster(r.broker()), name(r.broker()), addr(r.broker(), r.id()), r.id(),
            "ha", null, 120_000, false, new DataVersion(r.version(), 0, 0), topics, List.of(),
            CONNECTIONS[r.conn()]), now);
      } else if (op instanceof Unregister u) {
        t.unregister(cluster(u.broker()), addr(u.broker(), u.id()), name(u.broker()));
      } else if (op instanceof Expire e) {
        now += e.advanceMillis();
        t.removeExpired(now);
      } else if (op instanceof Close c) {
        t.removeConnection(CONNECTIONS[c.conn()]);
      } else if (op instanceof Delete d) {
        t.deleteTopic("t" + d.topic(), d.inCluster() ? "c0" : null);
      }
      assertConsistent(t);
    }
  }

  static void assertConsistent(RouteTable t) {
    ClusterSnapshot info = t.clusterInfo();
    Set<String> inClusters = new HashSet<>();
    info.clusters().forEach((c, names) -> {
      assertThat(names).isNotEmpty();
      for (String n : names) {
        assertThat(info.brokers()).containsKey(n);
        assertThat(info.brokers().get(n).cluster()).isEqualTo(c);
        inClusters.add(n);
      }
    });
    assertThat(info.brokers().keySet()).isEqualTo(inClusters);
    info.brokers().values().forEach(bd -> assertThat(bd.brokerAddrs()).isNotEmpty());
    for (String topic : t.allTopics()) {
      TopicRoute route = t.route(topic).orElseThrow();
      assertThat(route.queueDatas()).isNotEmpty();
      for (QueueData qd : route.queueDatas()) {
        assertThat(info.brokers()).containsKey(qd.brokerName());
      }
    }
    t.liveBrokers().forEach((key, live) -> {
      BrokerData bd = info.brokers().get(live.brokerName());
      assertThat(bd).isNotNull();
      assertThat(bd.brokerAddrs().values()).contains(key.brokerAddr());
    });
    info.brokers().values().forEach(bd -> bd.brokerAddrs().values().forEach(a ->
        assertThat(t.liveBrokers()).containsKey(new BrokerAddrKey(bd.cluster(), a))));
  }
}
