package io.apogeemq.broker.schedule;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.broker.persist.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code <storePathRootDir>/config/delayOffset.json}: per delay level, the next queue offset of
 * {@code SCHEDULE_TOPIC_XXXX} queue {@code level-1} to examine (storage.md §1.1), replaced
 * atomically on every save.
 *
 * <pre>
 * {"offsetTable":{"1":0,"2":15,"3":127}}
 * </pre>
 *
 * <p>The official broker's fastjson output (unquoted integer keys, a {@code dataVersion} field) is
 * read as well; unknown fields are ignored.
 *
 * <p>Not thread-safe: one writer at a time (the delivery thread, or shutdown after it stopped).
 */
public final class DelayOffsetFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Path file;

  public DelayOffsetFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /**
   * Level → offset; a missing file is an empty table, a malformed one an {@link IOException}
   * naming the file (which is left as it is).
   */
  public Map<Integer, Long> load() throws IOException {
    Optional<byte[]> bytes = AtomicFile.read(file);
    Map<Integer, Long> table = new TreeMap<>();
    if (bytes.isEmpty() || bytes.get().length == 0) {
      return table;
    }
    try {
      JsonNode offsets = JSON.readTree(bytes.get()).path("offsetTable");
      Iterator<Map.Entry<String, JsonNode>> it = offsets.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        int level = Integer.parseInt(e.getKey().trim());
        if (level < 1 || !e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
          throw new IOException("level " + e.getKey() + " -> " + e.getValue()
              + " is not a level >= 1 with an offset >= 0");
        }
        table.put(level, e.getValue().asLong());
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("delay offset file " + file + " is malformed: " + e.getMessage(), e);
    }
    return table;
  }

  /** Writes {@code offsets[i]} as the offset of level {@code i+1}, atomically. */
  public void save(long[] offsets) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 + offsets.length * 16);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("offsetTable");
      for (int i = 0; i < offsets.length; i++) {
        g.writeNumberField(Integer.toString(i + 1), offsets[i]);
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    AtomicFile.write(file, out.toByteArray());
  }
}
