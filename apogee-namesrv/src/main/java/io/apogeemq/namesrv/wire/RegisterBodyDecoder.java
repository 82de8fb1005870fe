package io.apogeemq.namesrv.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.TopicConfigEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the body of {@code REGISTER_BROKER} in both forms brokers send.
 *
 * <p><b>JSON form</b> ({@code compressed=false}; what 5.x brokers always send):
 *
 * <pre>
 * {"filterServerList":[...],
 *  "topicConfigSerializeWrapper":{"dataVersion":{"counter","stateVersion","timestamp"},
 *                                 "topicConfigTable":{name:{"topicName","readQueueNums","writeQueueNums",
 *                                                            "perm","topicSysFlag",...}}}}
 * </pre>
 *
 * Very old brokers (request version &lt; 37) send the bare {@code topicConfigSerializeWrapper}
 * object; it is recognised by its {@code topicConfigTable} member.
 *
 * <p><b>Compressed form</b> ({@code compressed=true}): a zlib stream whose inflated bytes are
 * (all integers big-endian int32):
 *
 * <pre>
 * | len | DataVersion JSON (len bytes)                                         |
 * | topicCount | topicCount x ( len | "name read write perm filterType [attrsJson]" ) |
 * | len | filter-server list JSON array (len bytes)                            |
 * | only when request version &gt;= 413: mappingCount x ( len | mapping JSON )  (ignored) |
 * </pre>
 *
 * <p>Every length is checked against the bytes that remain, and the inflated size is capped, so a
 * truncated or hostile body yields {@link MalformedBodyException} rather than an allocation failure.
 * Thread-safe (stateless).
 */
public final class RegisterBodyDecoder {

  /** Inflated bodies larger than this are refused. */
  static final int MAX_INFLATED_BYTES = 64 * 1024 * 1024;

  /** Topic names are all distinct: interning them would only cost time. */
  private static final JsonFactory STREAMING =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .build();

  static final ObjectReader READER =
      new ObjectMapper(RouteEncoder.FACTORY)
          .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
          .reader();

  private RegisterBodyDecoder() {}

  /** CRC32 of the body masked to 31 bits, as brokers put in {@code bodyCrc32}. */
  public static int crc32(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return (int) (crc.getValue() & 0x7FFFFFFFL);
  }

  /**
   * Decodes a body.
   *
   * @param body the request body (null or empty = {@link RegisterBody#EMPTY})
   * @param compressed the request's {@code compressed} header
   * @param requestVersion the request's {@code version}
   */
  public static RegisterBody decode(byte[] body, boolean compressed, int requestVersion)
      throws MalformedBodyException {
    if (body == null || body.length == 0) {
      return RegisterBody.EMPTY;
    }
    return compressed ? decodeCompressed(body) : decodeJson(body);
  }

  /**
   * Streams the JSON form: a 10,000-topic body is ~1.7 MB, so no tree is built and topic names (all
   * distinct) are not interned.
   */
  private static RegisterBody decodeJson(byte[] body) throws MalformedBodyException {
    try (JsonParser p = STREAMING.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedBodyException("register body is not a JSON object");
      }
      WrapperState state = new WrapperState();
      readWrapperFields(p, state, true);
      if (!state.sawTable && state.version == null) {
        return new RegisterBody(null, null, state.filters);
      }
      DataVersion v = state.version == null ? new DataVersion(0, 0, 0) : state.version;
      return new RegisterBody(v, state.topics, state.filters);
    } catch (JsonProcessingException e) {
      throw new MalformedBodyException("register body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedBodyException("register body cannot be read: " + e.getMessage(), e);
    }
  }

  private static final class WrapperState {
    DataVersion version;
    List<TopicConfigEntry> topics = new ArrayList<>();
    List<String> filters = List.of();
    boolean sawTable;
  }

  /** Reads the members of the root object (or of {@code topicConfigSerializeWrapper}) up to its end. */
  private static void readWrapperFields(JsonParser p, WrapperState state, boolean root)
      throws IOException, MalformedBodyException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "topicConfigSerializeWrapper" -> {
          if (!root || value != JsonToken.START_OBJECT) {
            throw new MalformedBodyException("topicConfigSerializeWrapper is not an object");
          }
          readWrapperFields(p, state, false);
        }
        case "filterServerList" -> state.filters = stringList(READER.readTree(p), "filterServerList");
        case "dataVersion" -> state.version = SmallBodies.dataVersion(READER.readTree(p), "topicConfigSerializeWrapper");
        case "topicConfigTable" -> {
          if (value != JsonToken.START_OBJECT) {
            throw new MalformedBodyException("topicConfigTable is not an object");
          }
          state.sawTable = true;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
              throw new MalformedBodyException("topicConfigTable['" + key + "'] is not an object");
            }
            state.topics.add(topicConfig(p, key));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedBodyException("register body: unexpected " + p.currentToken() + " at " + p.currentLocation());
    }
  }

  /** Reads one topic config object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
  private static TopicConfigEntry topicConfig(JsonParser p, String key) throws IOException, MalformedBodyException {
    String topic = null;
    int read = 0;
    int write = 0;
    int perm = 0;
    int sysFlag = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "topicName" -> topic = value == JsonToken.VALUE_NULL ? null : p.getText();
        case "readQueueNums" -> read = intValue(p, value, field, key);
        case "writeQueueNums" -> write = intValue(p, value, field, key);
        case "perm" -> perm = intValue(p, value, field, key);
        case "topicSysFlag" -> sysFlag = intValue(p, value, field, key);
        default -> p.skipChildren();
      }
    }
    if (topic == null) {
      topic = key;
    }
    if (topic.isEmpty()) {
      throw new MalformedBodyException("topicConfigTable['" + key + "'] has an empty topicName");
    }
    return new TopicConfigEntry(topic, read, write, perm, sysFlag);
  }

  private static int intValue(JsonParser p, JsonToken value, String field, String topic)
      throws IOException, MalformedBodyException {
    if (value == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw new MalformedBodyException("topic '" + topic + "': " + field + " is not an int: " + p.getText());
    }
    return p.getIntValue();
  }

  private static List<String> stringList(JsonNode n, String where) throws MalformedBodyException {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new MalformedBodyException(where + " is not an array");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode s : n) {
      out.add(s.asText());
    }
    return out;
  }

  private static RegisterBody decodeCompressed(byte[] body) throws MalformedBodyException {
    ByteBuffer buf = ByteBuffer.wrap(inflate(body));
    byte[] versionJson = chunk(buf, "DataVersion");
    DataVersion version;
    try {
      version = SmallBodies.dataVersion(READER.readTree(versionJson), "compressed body");
    } catch (IOException e) {
      throw new MalformedBodyException("compressed register body: DataVersion is not JSON", e);
    }
    int count = int32(buf, "topic count");
    if (count < 0 || count > buf.remaining() / 4) {
      throw new MalformedBodyException("compressed register body: impossible topic count " + count);
    }
    List<TopicConfigEntry> topics = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = new String(chunk(buf, "topic #" + i), StandardCharsets.UTF_8);
      topics.add(topicText(text, i));
    }
    List<String> filters = List.of();
    if (buf.hasRemaining()) {
      try {
        filters = stringList(READER.readTree(chunk(buf, "filter server list")), "filterServerList");
      } catch (IOException e) {
        throw new MalformedBodyException("compressed register body: filter server list is not JSON", e);
      }
    }
    // A trailing static-topic mapping section (request version >= 413) is not used here.
    return new RegisterBody(version == null ? new DataVersion(0, 0, 0) : version, topics, filters);
  }

  private static TopicConfigEntry topicText(String text, int index) throws MalformedBodyException {
    String[] parts = text.split(" ", 6);
    if (parts.length < 5) {
      throw new MalformedBodyException("compressed register body: topic #" + index + " has too few fields: '" + text + "'");
    }
    try {
      return new TopicConfigEntry(
          parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), 0);
    } catch (NumberFormatException e) {
      throw new MalformedBodyException("compressed register body: topic #" + index + " '" + parts[0] + "' has a bad number: '" + text + "'", e);
    }
  }

  private static int int32(ByteBuffer buf, String what) throws MalformedBodyException {
    if (buf.remaining() < 4) {
      throw new MalformedBodyException("compressed register body truncated at " + what + " (offset " + buf.position() + ")");
    }
    return buf.getInt();
  }

  private static byte[] chunk(ByteBuffer buf, String what) throws MalformedBodyException {
    int len = int32(buf, what + " length");
    if (len < 0 || len > buf.remaining()) {
      throw new MalformedBodyException("compressed register body: " + what + " length " + len + " exceeds the " + buf.remaining() + " remaining bytes");
    }
    byte[] out = new byte[len];
    buf.get(out);
    return out;
  }

  private static byte[] inflate(byte[] body) throws MalformedBodyException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(body);
      byte[] out = new byte[Math.max(1024, Math.min(body.length * 8, MAX_INFLATED_BYTES))];
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          if (out.length >= MAX_INFLATED_BYTES) {
            throw new MalformedBodyException("compressed register body inflates beyond " + MAX_INFLATED_BYTES + " bytes");
          }
          out = java.util.Arrays.copyOf(out, Math.min(out.length * 2, MAX_INFLATED_BYTES));
        }
        int r = inflater.inflate(out, n, out.length - n);
        if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new MalformedBodyException("compressed register body is truncated (zlib stream ended early after " + n + " bytes)");
        }
        n += r;
      }
      return java.util.Arrays.copyOf(out, n);
    } catch (DataFormatException e) {
      throw new MalformedBodyException("compressed register body is not a zlib stream: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
