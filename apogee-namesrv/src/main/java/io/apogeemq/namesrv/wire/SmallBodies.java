package io.apogeemq.namesrv.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.QueueData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small JSON bodies of NameServer answers.
 *
 * <pre>
 * TopicList:   {"brokerAddr":"ip:port"?,"topicList":["t1","t2"]}
 * KVTable:     {"table":{"k":"v"}}
 * DataVersion: {"counter":5,"stateVersion":0,"timestamp":1700000000000}
 * </pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class SmallBodies {

  static final ObjectMapper MAPPER = new ObjectMapper(RouteEncoder.FACTORY);

  private SmallBodies() {}

  /** {@code TopicList} JSON; {@code brokerAddr} may be null. */
  public static byte[] topicList(Collection<String> topics, String brokerAddr) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + topics.size() * 16);
    try (JsonGenerator g = RouteEncoder.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      if (brokerAddr != null) {
        g.writeStringField("brokerAddr", brokerAddr);
      }
      g.writeArrayFieldStart("topicList");
      for (String t : topics) {
        g.writeString(t);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode topic list", e);
    }
    return out.toByteArray();
  }

  /** {@code KVTable} JSON. */
  public static byte[] kvTable(Map<String, String> table) {
    try {
      return MAPPER.writeValueAsBytes(Map.of("table", new TreeMap<>(table)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode KV table", e);
    }
  }

  /** {@code DataVersion} JSON. */
  public static byte[] dataVersion(DataVersion v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(80);
    try (JsonGenerator g = RouteEncoder.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("counter", v.counter());
      g.writeNumberField("stateVersion", v.stateVersion());
      g.writeNumberField("timestamp", v.timestamp());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode data version", e);
    }
    return out.toByteArray();
  }

  /** Parses a {@code DataVersion} JSON body. */
  public static DataVersion parseDataVersion(byte[] body) throws MalformedBodyException {
    if (body == null || body.length == 0) {
      throw new MalformedBodyException("DataVersion body is empty");
    }
    try {
      return dataVersion(RegisterBodyDecoder.READER.readTree(body), "body");
    } catch (IOException e) {
      throw new MalformedBodyException("DataVersion body is not JSON: " + e.getMessage(), e);
    }
  }

  /** The {@code queueDatas} of a {@code TopicRouteData} JSON body (REGISTER_TOPIC_IN_NAMESRV). */
  public static List<QueueData> parseQueueDatas(byte[] body) throws MalformedBodyException {
    if (body == null || body.length == 0) {
      throw new MalformedBodyException("TopicRouteData body is empty");
    }
    JsonNode root;
    try {
      root = RegisterBodyDecoder.READER.readTree(body);
    } catch (IOException e) {
      throw new MalformedBodyException("TopicRouteData body is not JSON: " + e.getMessage(), e);
    }
    JsonNode arr = root == null ? null : root.get("queueDatas");
    if (arr == null || !arr.isArray()) {
      throw new MalformedBodyException("TopicRouteData body has no queueDatas array");
    }
    List<QueueData> out = new ArrayList<>(arr.size());
    for (JsonNode q : arr) {
      JsonNode name = q.get("brokerName");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) {
        throw new MalformedBodyException("queueDatas entry without brokerName: " + q);
      }
      out.add(new QueueData(name.asText(), intOf(q, "readQueueNums"), intOf(q, "writeQueueNums"), intOf(q, "perm"),
          intOf(q, "topicSysFlag")));
    }
    return out;
  }

  private static int intOf(JsonNode n, String field) throws MalformedBodyException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.canConvertToInt()) {
      throw new MalformedBodyException("queueDatas entry: " + field + " is not an int: " + v);
    }
    return v.asInt();
  }

  static DataVersion dataVersion(JsonNode n, String where) throws MalformedBodyException {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (!n.isObject()) {
      throw new MalformedBodyException(where + ": dataVersion is not an object");
    }
    return new DataVersion(
        longOf(n, "counter", where), longOf(n, "timestamp", where), longOf(n, "stateVersion", where));
  }

  private static long longOf(JsonNode n, String field, String where) throws MalformedBodyException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.canConvertToLong()) {
      throw new MalformedBodyException(where + ": dataVersion." + field + " is not a number");
    }
    return v.asLong();
  }
}
