package io.apogeemq.namesrv.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.apogeemq.namesrv.route.BrokerData;
import io.apogeemq.namesrv.route.ClusterSnapshot;
import io.apogeemq.namesrv.route.QueueData;
import io.apogeemq.namesrv.route.TopicRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes route-shaped bodies as the standard JSON the official clients parse (map keys always
 * quoted, null members omitted, member names as fastjson derives them from the Java getters).
 *
 * <pre>
 * TopicRouteData: {"brokerDatas":[BrokerData...],"filterServerTable":{addr:[addr...]},
 *                  "queueDatas":[{"brokerName","perm","readQueueNums","topicSysFlag","writeQueueNums"}...],
 *                  "orderTopicConf":"b:4;c:4"   (only when given)}
 * BrokerData:     {"brokerAddrs":{"0":"ip:port",...},"brokerName","cluster","enableActingMaster","zoneName"?}
 * ClusterInfo:    {"brokerAddrTable":{name:BrokerData},"clusterAddrTable":{cluster:[name...]}}
 * </pre>
 *
 * <p>Thread-safe: Jackson's factory is thread-safe; the broker-data text cache is a concurrent map
 * of immutable entries (a racing rebuild is harmless).
 */
public final class RouteEncoder {

  static final JsonFactory FACTORY = new JsonFactory();
  static final int MAX_CACHED_BROKER_NAMES = 4096;
  private static final ConcurrentHashMap<String, CachedBrokerData> BROKER_DATA_JSON = new ConcurrentHashMap<>();

  private RouteEncoder() {}

  /**
   * {@code TopicRouteData} JSON; {@code orderTopicConf} may be null.
   *
   * <p>This is the hot path of a NameServer, so it writes bytes directly and reuses the text of each
   * {@link BrokerData}: every topic of a broker name shares the same immutable instance, so its JSON
   * is built once per registration change, not once per query.
   */
  public static byte[] topicRoute(TopicRoute route, String orderTopicConf) {
    JsonBytes out = new JsonBytes(96 + route.brokerDatas().size() * 180 + route.queueDatas().size() * 110);
    out.ascii("{\"brokerDatas\":[");
    boolean first = true;
    for (BrokerData bd : route.brokerDatas()) {
      if (!first) {
        out.raw(',');
      }
      first = false;
      out.raw(brokerDataJson(bd));
    }
    out.ascii("],\"filterServerTable\":{");
    first = true;
    for (Map.Entry<String, List<String>> e : route.filterServerTable().entrySet()) {
      if (!first) {
        out.raw(',');
      }
      first = false;
      out.string(e.getKey()).ascii(":[");
      for (int i = 0; i < e.getValue().size(); i++) {
        if (i > 0) {
          out.raw(',');
        }
        out.string(e.getValue().get(i));
      }
      out.raw(']');
    }
    out.raw('}');
    if (orderTopicConf != null) {
      out.ascii(",\"orderTopicConf\":").string(orderTopicConf);
    }
    out.ascii(",\"queueDatas\":[");
    first = true;
    for (QueueData qd : route.queueDatas()) {
      if (!first) {
        out.raw(',');
      }
      first = false;
      out.ascii("{\"brokerName\":").string(qd.brokerName())
          .ascii(",\"perm\":").number(qd.perm())
          .ascii(",\"readQueueNums\":").number(qd.readQueueNums())
          .ascii(",\"topicSysFlag\":").number(qd.topicSysFlag())
          .ascii(",\"writeQueueNums\":").number(qd.writeQueueNums())
          .raw('}');
    }
    return out.ascii("]}").toByteArray();
  }

  private record CachedBrokerData(BrokerData data, byte[] json) {}

  /**
   * The JSON of a broker data, cached per broker name and reused while the route table hands out the
   * same instance (identity check: the table replaces the instance whenever it changes).
   */
  static byte[] brokerDataJson(BrokerData bd) {
    CachedBrokerData cached = BROKER_DATA_JSON.get(bd.brokerName());
    if (cached != null && cached.data == bd) {
      return cached.json;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeBrokerData(g, bd);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode broker data", e);
    }
    byte[] json = out.toByteArray();
    if (BROKER_DATA_JSON.size() >= MAX_CACHED_BROKER_NAMES) {
      BROKER_DATA_JSON.clear();
    }
    BROKER_DATA_JSON.put(bd.brokerName(), new CachedBrokerData(bd, json));
    return json;
  }

  /** {@code ClusterInfo} JSON. */
  public static byte[] clusterInfo(ClusterSnapshot snapshot) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("brokerAddrTable");
      for (Map.Entry<String, BrokerData> e : new TreeMap<>(snapshot.brokers()).entrySet()) {
        g.writeFieldName(e.getKey());
        writeBrokerData(g, e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("clusterAddrTable");
      for (Map.Entry<String, Set<String>> e : new TreeMap<>(snapshot.clusters()).entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String name : e.getValue()) {
          g.writeString(name);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode cluster info", e);
    }
    return out.toByteArray();
  }

  private static void writeBrokerData(JsonGenerator g, BrokerData bd) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("brokerAddrs");
    for (Map.Entry<Long, String> a : bd.brokerAddrs().entrySet()) {
      g.writeStringField(Long.toString(a.getKey()), a.getValue());
    }
    g.writeEndObject();
    g.writeStringField("brokerName", bd.brokerName());
    g.writeStringField("cluster", bd.cluster());
    g.writeBooleanField("enableActingMaster", bd.enableActingMaster());
    if (bd.zoneName() != null) {
      g.writeStringField("zoneName", bd.zoneName());
    }
    g.writeEndObject();
  }
}
