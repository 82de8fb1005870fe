package io.apogeemq.namesrv.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.namesrv.route.BrokerData;
import io.apogeemq.namesrv.route.ClusterSnapshot;
import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.QueueData;
import io.apogeemq.namesrv.route.TopicConfigEntry;
import io.apogeemq.namesrv.route.TopicRoute;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official 4.9.8 body classes (fastjson 1.2.69), loaded in an isolated class loader from
 * {@code target/rocketmq4}: they read our routes and cluster info, and their register bodies — JSON
 * and the 4.9 compressed form without the static-topic section — decode with ours.
 */
@Timeout(30)
class Official498BodiesTest {

  static URLClassLoader loader;

  @BeforeAll
  static void load() throws Exception {
    Path dir = Path.of("target", "rocketmq4");
    URL[] jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars = files.filter(p -> p.toString().endsWith(".jar")).map(p -> {
        try {
          return p.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }).toArray(URL[]::new);
    }
    assertThat(jars).hasSize(5);
    loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void close() throws Exception {
    loader.close();
  }

  static Object decode(byte[] json, String className) throws Exception {
    Class<?> cls = loader.loadClass(className);
    return loader.loadClass("org.apache.rocketmq.remoting.protocol.RemotingSerializable")
        .getMethod("decode", byte[].class, Class.class).invoke(null, json, cls);
  }

  static Object get(Object target, String getter) throws Exception {
    return target.getClass().getMethod(getter).invoke(target);
  }

  @Test
  void officialClient498ReadsOurRouteAndClusterInfo() throws Exception {
    BrokerData bd = new BrokerData("C", "broker-a", new TreeMap<>(Map.of(0L, "10.0.0.1:10911")), "z", false);
    byte[] json = RouteEncoder.topicRoute(new TopicRoute(List.of(new QueueData("broker-a", 4, 4, 6, 0)), List.of(bd),
        Map.of()), "broker-a:4");
    Object route = decode(json, "org.apache.rocketmq.common.protocol.route.TopicRouteData");
    Object brokerData = ((List<?>) get(route, "getBrokerDatas")).get(0);
    assertThat(((Map<?, ?>) get(brokerData, "getBrokerAddrs")).get(0L)).isEqualTo("10.0.0.1:10911");
    Object queueData = ((List<?>) get(route, "getQueueDatas")).get(0);
    assertThat(get(queueData, "getWriteQueueNums")).isEqualTo(4);
    assertThat(get(route, "getOrderTopicConf")).isEqualTo("broker-a:4");

    Object info = decode(RouteEncoder.clusterInfo(new ClusterSnapshot(Map.of("broker-a", bd), Map.of("C", Set.of("broker-a")))),
        "org.apache.rocketmq.common.protocol.body.ClusterInfo");
    assertThat(((Map<?, ?>) get(info, "getClusterAddrTable")).containsKey("C")).isTrue();
  }

  @SuppressWarnings("unchecked")
  static byte[] registerBody498(boolean compressed) throws Exception {
    Class<?> tcCls = loader.loadClass("org.apache.rocketmq.common.TopicConfig");
    Class<?> wrapperCls = loader.loadClass("org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper");
    Class<?> bodyCls = loader.loadClass("org.apache.rocketmq.common.protocol.body.RegisterBrokerBody");
    Object wrapper = wrapperCls.getConstructor().newInstance();
    ConcurrentMap<String, Object> table = (ConcurrentMap<String, Object>) get(wrapper, "getTopicConfigTable");
    for (int i = 0; i < 3; i++) {
      table.put("T" + i, tcCls.getConstructor(String.class, int.class, int.class, int.class).newInstance("T" + i, 8, 8, 6));
    }
    Object version = get(wrapper, "getDataVersion");
    version.getClass().getMethod("nextVersion").invoke(version);
    Object body = bodyCls.getConstructor().newInstance();
    bodyCls.getMethod("setTopicConfigSerializeWrapper", wrapperCls).invoke(body, wrapper);
    return (byte[]) bodyCls.getMethod("encode", boolean.class).invoke(body, compressed);
  }

  @Test
  void broker498RegisterBodiesDecodeInBothForms() throws Exception {
    for (boolean compressed : List.of(false, true)) {
      RegisterBody b = RegisterBodyDecoder.decode(registerBody498(compressed), compressed, 409);
      assertThat(b.topics()).hasSize(3).contains(new TopicConfigEntry("T1", 8, 8, 6, 0));
      assertThat(b.dataVersion().counter()).isEqualTo(1);
      assertThat(b.dataVersion()).isNotEqualTo(new DataVersion(0, 0, 0));
    }
  }
}
