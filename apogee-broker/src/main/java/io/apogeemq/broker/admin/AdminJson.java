package io.apogeemq.broker.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.apogeemq.broker.topic.TopicConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON writing shared by the admin processors (fastjson-compatible member names).
 *
 * <p>Maps keyed by {@code MessageQueue} (codes.md conventions) are written with the key as a JSON
 * string holding the queue object, {@code "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}"},
 * a form both official clients (fastjson 1.2.69 and 1.2.83) decode into {@code MessageQueue}
 * keys.
 *
 * <p>Stateless and thread-safe.
 */
final class AdminJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private AdminJson() {}

  /** Writes a body with a streaming generator. */
  static byte[] write(JsonWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode admin response body", e);
    }
    return out.toByteArray();
  }

  /** A body writer. */
  @FunctionalInterface
  interface JsonWriter {
    void write(JsonGenerator g) throws IOException;
  }

  /** The {@code MessageQueue} map key of one queue. */
  static String queueKey(String brokerName, String topic, int queueId) {
    StringBuilder sb = new StringBuilder(48 + topic.length() + brokerName.length());
    sb.append("{\"brokerName\":");
    quote(sb, brokerName);
    sb.append(",\"queueId\":").append(queueId).append(",\"topic\":");
    quote(sb, topic);
    return sb.append('}').toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /** A TopicConfig object (the members of the official {@code TopicConfig}). */
  static void topicConfig(JsonGenerator g, TopicConfig t) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> e : new TreeMap<>(t.attributes()).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeBooleanField("order", t.order());
    g.writeNumberField("perm", t.perm());
    g.writeNumberField("readQueueNums", t.readQueueNums());
    g.writeStringField("topicFilterType", t.topicFilterType());
    g.writeStringField("topicName", t.topicName());
    g.writeNumberField("topicSysFlag", t.topicSysFlag());
    g.writeNumberField("writeQueueNums", t.writeQueueNums());
    g.writeEndObject();
  }
}
