package io.apogeemq.broker.reset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The body of the reset answer and of {@code RESET_CONSUMER_CLIENT_OFFSET} (220), codes.md §5.13.
 *
 * <pre>
 * ResetOffsetBody      {"offsetTable":{"{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}":42, ...}}
 * ResetOffsetBodyForC  {"offsetTable":[{"brokerName":"b","offset":42,"queueId":0,"topic":"T"}, ...]}
 * </pre>
 *
 * <p>The Java form keys the map by {@code MessageQueue}: the key is a JSON string holding the
 * queue object, which both official clients' fastjson decodes into {@code MessageQueue} keys.
 *
 * <p>Stateless and thread-safe.
 */
final class ResetOffsetBody {

  private static final JsonFactory FACTORY = new JsonFactory();

  private ResetOffsetBody() {}

  /** The Java clients' form. */
  static byte[] forJava(String brokerName, String topic, Map<Integer, Long> offsets) {
    return write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("offsetTable");
      for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
        g.writeNumberField(queueKey(brokerName, topic, e.getKey()), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /** The form C++ clients read. */
  static byte[] forCpp(String brokerName, String topic, Map<Integer, Long> offsets) {
    return write(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("offsetTable");
      for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
        g.writeStartObject();
        g.writeStringField("brokerName", brokerName);
        g.writeNumberField("offset", e.getValue());
        g.writeNumberField("queueId", e.getKey());
        g.writeStringField("topic", topic);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static String queueKey(String brokerName, String topic, int queueId) {
    StringWriter out = new StringWriter(48 + topic.length() + brokerName.length());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("brokerName", brokerName);
      g.writeNumberField("queueId", queueId);
      g.writeStringField("topic", topic);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode reset offset body", e);
    }
    return out.toByteArray();
  }
}
