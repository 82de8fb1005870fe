package io.apogeemq.namesrv.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.TopicConfigEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

  private static RegisterBody decodeJson(byte[] body) throws MalformedBodyException {
    JsonNode root;
    try {
      root = READER.readTree(body);
    } catch (IOException e) {
      throw new MalformedBodyException("register body is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedBodyException("register body is not a JSON object");
    }
    JsonNode wrapper = root.has("topicConfigTable") ? root : root.get("topicConfigSerializeWrapper");
    List<String> filters = stringList(root.get("filterServerList"), "filterServerList");
    if (wrapper == null || wrapper.isNull()) {
      return new RegisterBody(null, null, filters);
    }
    if (!wrapper.isObject()) {
      throw new MalformedBodyException("topicConfigSerializeWrapper is not an object");
    }
    DataVersion version = SmallBodies.dataVersion(wrapper.get("dataVersion"), "topicConfigSerializeWrapper");
    JsonNode table = wrapper.get("topicConfigTable");
    List<TopicConfigEntry> topics = new ArrayList<>();
    if (table != null && !table.isNull()) {
      if (!table.isObject()) {
        throw new MalformedBodyException("topicConfigTable is not an object");
      }
      Iterator<Map.Entry<String, JsonNode>> it = table.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        topics.add(topicConfig(e.getKey(), e.getValue()));
      }
    }
    return new RegisterBody(version == null ? new DataVersion(0, 0, 0) : version, topics, filters);
  }

  private static TopicConfigEntry topicConfig(String key, JsonNode n) throws MalformedBodyException {
    if (n == null || !n.isObject()) {
      throw new MalformedBodyException("topicConfigTable['" + key + "'] is not an object");
    }
    JsonNode name = n.get("topicName");
    String topic = name == null || name.isNull() ? key : name.asText();
    if (topic.isEmpty()) {
      throw new MalformedBodyException("topicConfigTable['" + key + "'] has an empty topicName");
    }
    return new TopicConfigEntry(
        topic,
        intOf(n, "readQueueNums", topic),
        intOf(n, "writeQueueNums", topic),
        intOf(n, "perm", topic),
        intOf(n, "topicSysFlag", topic));
  }

  private static int intOf(JsonNode n, String field, String topic) throws MalformedBodyException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.canConvertToInt()) {
      throw new MalformedBodyException("topic '" + topic + "': " + field + " is not an int: " + v);
    }
    return v.asInt();
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
