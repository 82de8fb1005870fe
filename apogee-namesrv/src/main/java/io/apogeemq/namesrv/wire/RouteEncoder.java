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
 * <p>Thread-safe (stateless; Jackson's factory is thread-safe).
 */
public final class RouteEncoder {

  static final JsonFactory FACTORY = new JsonFactory();

  private RouteEncoder() {}

  /** {@code TopicRouteData} JSON; {@code orderTopicConf} may be null. */
  public static byte[] topicRoute(TopicRoute route, String orderTopicConf) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("brokerDatas");
      for (BrokerData bd : route.brokerDatas()) {
        writeBrokerData(g, bd);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("filterServerTable");
      for (Map.Entry<String, List<String>> e : route.filterServerTable().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String s : e.getValue()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      if (orderTopicConf != null) {
        g.writeStringField("orderTopicConf", orderTopicConf);
      }
      g.writeArrayFieldStart("queueDatas");
      for (QueueData qd : route.queueDatas()) {
        g.writeStartObject();
        g.writeStringField("brokerName", qd.brokerName());
        g.writeNumberField("perm", qd.perm());
        g.writeNumberField("readQueueNums", qd.readQueueNums());
        g.writeNumberField("topicSysFlag", qd.topicSysFlag());
        g.writeNumberField("writeQueueNums", qd.writeQueueNums());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode route", e);
    }
    return out.toByteArray();
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
