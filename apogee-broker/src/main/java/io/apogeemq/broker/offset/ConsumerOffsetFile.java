package io.apogeemq.broker.offset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.broker.persist.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code <storePathRootDir>/config/consumerOffset.json}: the committed offsets, replaced atomically
 * (temp file, force, rename) on every flush.
 *
 * <p>Format (the official broker's shape; its fastjson output with unquoted integer keys is read as
 * well):
 *
 * <pre>
 * {"offsetTable":{"&lt;topic&gt;@&lt;group&gt;":{"0":12,"1":7}, ...}}
 * </pre>
 *
 * <p>Not thread-safe: one flusher at a time (the {@link ConsumerOffsetService} flush thread, or the
 * shutdown path after it stopped).
 */
public final class ConsumerOffsetFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Path file;

  public ConsumerOffsetFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /**
   * Reads the file; a missing file is an empty table, a malformed one an {@link IOException} naming
   * the file (the file is left as it is).
   */
  public Map<String, Map<Integer, Long>> load() throws IOException {
    Optional<byte[]> bytes = AtomicFile.read(file);
    Map<String, Map<Integer, Long>> table = new HashMap<>();
    if (bytes.isEmpty() || bytes.get().length == 0) {
      return table;
    }
    try {
      JsonNode offsets = JSON.readTree(bytes.get()).path("offsetTable");
      Iterator<Map.Entry<String, JsonNode>> it = offsets.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().indexOf(ConsumerOffsetTable.KEY_SEPARATOR) <= 0) {
          throw new IOException("key '" + e.getKey() + "' is not topic@group");
        }
        Map<Integer, Long> queues = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> q = e.getValue().fields();
        while (q.hasNext()) {
          Map.Entry<String, JsonNode> qe = q.next();
          if (!qe.getValue().canConvertToLong()) {
            throw new IOException("offset of " + e.getKey() + " queue " + qe.getKey()
                + " is not a number");
          }
          queues.put(Integer.parseInt(qe.getKey()), qe.getValue().asLong());
        }
        table.put(e.getKey(), queues);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("consumer offset file " + file + " is malformed: " + e.getMessage(), e);
    }
    return table;
  }

  /** Writes {@code table} atomically. */
  public void save(Map<String, Map<Integer, Long>> table) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + table.size() * 64);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("offsetTable");
      for (Map.Entry<String, Map<Integer, Long>> e : new TreeMap<>(table).entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        for (Map.Entry<Integer, Long> q : new TreeMap<>(e.getValue()).entrySet()) {
          g.writeNumberField(Integer.toString(q.getKey()), q.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    AtomicFile.write(file, out.toByteArray());
  }
}
