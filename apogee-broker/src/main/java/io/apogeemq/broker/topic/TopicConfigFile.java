package io.apogeemq.broker.topic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code <storePathRootDir>/config/topics.json} in RocketMQ's format
 * (storage.md §1), so a RocketMQ store directory's topic table loads unchanged:
 *
 * <pre>
 * {
 *   "dataVersion": {"counter": 7, "timestamp": 1714530000000},
 *   "topicConfigTable": {
 *     "TopicTest": {"topicName": "TopicTest", "readQueueNums": 4, "writeQueueNums": 4,
 *                   "perm": 6, "topicFilterType": "SINGLE_TAG", "topicSysFlag": 0,
 *                   "order": false, "attributes": {}}
 *   }
 * }
 * </pre>
 *
 * <p>Writing: the previous file is copied to {@code topics.json.bak}, the new content is written to
 * {@code topics.json.tmp}, forced, and moved over {@code topics.json}. Reading: when
 * {@code topics.json} is missing, empty or unparsable, {@code topics.json.bak} is read instead;
 * neither existing means an empty table. Unknown fields are ignored.
 *
 * <p>Not thread-safe: the registry calls it under its own lock.
 */
final class TopicConfigFile {

  private static final Logger LOG = LoggerFactory.getLogger(TopicConfigFile.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES, true);

  private final Path file;
  private final Path bak;
  private final Path tmp;

  TopicConfigFile(Path configDir) {
    this.file = configDir.resolve("topics.json");
    this.bak = configDir.resolve("topics.json.bak");
    this.tmp = configDir.resolve("topics.json.tmp");
  }

  Path path() {
    return file;
  }

  /** The stored table, or null when no file exists. */
  TopicTable load() throws IOException {
    TopicTable t = tryLoad(file);
    if (t == null) {
      t = tryLoad(bak);
      if (t != null) {
        LOG.warn("{} missing or unreadable; loaded {} topics from {}", file, t.topics().size(), bak);
      }
    }
    return t;
  }

  private static TopicTable tryLoad(Path p) throws IOException {
    if (!Files.isRegularFile(p) || Files.size(p) == 0) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(p.toFile());
    } catch (IOException e) {
      LOG.warn("{} is not valid JSON ({}); ignoring it", p, e.getMessage());
      return null;
    }
    JsonNode dv = root.path("dataVersion");
    DataVersion version = new DataVersion(dv.path("timestamp").asLong(0),
        dv.path("counter").asLong(0));
    Map<String, TopicConfig> topics = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("topicConfigTable").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode n = e.getValue();
      Map<String, String> attrs = new LinkedHashMap<>();
      n.path("attributes").fields().forEachRemaining(a -> attrs.put(a.getKey(), a.getValue().asText()));
      try {
        topics.put(e.getKey(), new TopicConfig(n.path("topicName").asText(e.getKey()),
            n.path("readQueueNums").asInt(), n.path("writeQueueNums").asInt(),
            n.path("perm").asInt(Perm.READ_WRITE), n.path("topicFilterType").asText("SINGLE_TAG"),
            n.path("topicSysFlag").asInt(0), n.path("order").asBoolean(false), attrs));
      } catch (IllegalArgumentException bad) {
        LOG.warn("{}: skipping topic entry {}: {}", p, e.getKey(), bad.getMessage());
      }
    }
    return new TopicTable(version, topics);
  }

  /** Writes the table durably (see class comment). */
  void store(TopicTable table) throws IOException {
    Files.createDirectories(file.getParent());
    ObjectNode root = JSON.createObjectNode();
    ObjectNode dv = root.putObject("dataVersion");
    dv.put("counter", table.dataVersion().counter());
    dv.put("stateVersion", 0);
    dv.put("timestamp", table.dataVersion().timestamp());
    ObjectNode tct = root.putObject("topicConfigTable");
    table.topics().values().stream().sorted((a, b) -> a.topicName().compareTo(b.topicName()))
        .forEach(t -> {
          ObjectNode n = tct.putObject(t.topicName());
          n.put("topicName", t.topicName());
          n.put("readQueueNums", t.readQueueNums());
          n.put("writeQueueNums", t.writeQueueNums());
          n.put("perm", t.perm());
          n.put("topicFilterType", t.topicFilterType());
          n.put("topicSysFlag", t.topicSysFlag());
          n.put("order", t.order());
          ObjectNode attrs = n.putObject("attributes");
          t.attributes().forEach(attrs::put);
        });
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    if (Files.isRegularFile(file) && Files.size(file) > 0) {
      Files.copy(file, bak, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
