package io.apogeemq.client.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.message.MessageQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasting offsets, kept in a local JSON file (semantics.md §5.1 leaves the format to us):
 * <pre>
 * {"offsets":[{"topic":"t","brokerName":"broker-a","queueId":0,"offset":42}, ...]}
 * </pre>
 * Written whole to {@code offsets.json.tmp}, then moved over {@code offsets.json} atomically, so a
 * crash leaves either the old or the new file. A file that cannot be parsed is refused at start
 * with its path (nothing is overwritten).
 *
 * <p>Thread-safe: a concurrent map; writes are serialised by this object's monitor.
 */
final class LocalFileOffsetStore extends CachedOffsetStore {

  private static final Logger LOG = LoggerFactory.getLogger(LocalFileOffsetStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<MessageQueue, Long> stored = new ConcurrentHashMap<>();

  LocalFileOffsetStore(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        JsonNode root = JSON.readTree(file.toFile());
        for (JsonNode n : root.path("offsets")) {
          MessageQueue q = new MessageQueue(n.path("topic").asText(),
              n.path("brokerName").asText(), n.path("queueId").asInt());
          stored.put(q, n.path("offset").asLong());
        }
      } catch (IOException e) {
        throw new ClientException("broadcasting offset file " + file + " is unreadable: "
            + e.getMessage() + " (fix or remove it)", e);
      }
    }
  }

  Path file() {
    return file;
  }

  @Override
  public long read(MessageQueue queue) {
    Long o = stored.get(queue);
    if (o != null) {
      update(queue, o);
      return o;
    }
    return -1;
  }

  @Override
  public void persist(Iterable<MessageQueue> queues) {
    write();
  }

  @Override
  public void persistNow(MessageQueue queue) {
    write();
  }

  private synchronized void write() {
    stored.putAll(snapshot());
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("offsets");
    stored.forEach((q, o) -> list.addObject().put("topic", q.topic())
        .put("brokerName", q.brokerName()).put("queueId", q.queueId()).put("offset", o));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("writing broadcasting offsets to {} failed: {}", file, e.toString());
    }
  }
}
