package io.apogeemq.store.queue;

import io.apogeemq.store.file.StorageIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * Every {@link ConsumeQueue} of the store, found under {@code <root>/consumequeue/<topic>/<id>}.
 *
 * <p>Thread-safe: concurrent maps; queues are created on first use by the dispatch thread and
 * looked up by any reader.
 */
public final class ConsumeQueueTable {

  private final Path root;
  private final int segmentSize;
  private final StorageIo io;
  private final ConcurrentMap<String, ConcurrentMap<Integer, ConsumeQueue>> queues =
      new ConcurrentHashMap<>();

  public ConsumeQueueTable(Path storeRoot, int segmentSize, StorageIo io) {
    this.root = storeRoot.resolve("consumequeue");
    this.segmentSize = segmentSize;
    this.io = io;
  }

  /** Opens every queue directory on disk. */
  public void load() throws IOException {
    Files.createDirectories(root);
    try (Stream<Path> topics = Files.list(root)) {
      for (Path t : (Iterable<Path>) topics::iterator) {
        if (!Files.isDirectory(t)) {
          continue;
        }
        try (Stream<Path> ids = Files.list(t)) {
          for (Path q : (Iterable<Path>) ids::iterator) {
            String name = q.getFileName().toString();
            if (Files.isDirectory(q) && name.matches("\\d+")) {
              ConsumeQueue cq = create(t.getFileName().toString(), Integer.parseInt(name));
              cq.load();
            }
          }
        }
      }
    }
  }

  /** The queue, or null when it has never received a message. */
  public ConsumeQueue find(String topic, int queueId) {
    ConcurrentMap<Integer, ConsumeQueue> m = queues.get(topic);
    return m == null ? null : m.get(queueId);
  }

  /** The queue, created (empty) if missing. */
  public ConsumeQueue findOrCreate(String topic, int queueId) {
    ConsumeQueue cq = find(topic, queueId);
    return cq != null ? cq : create(topic, queueId);
  }

  private ConsumeQueue create(String topic, int queueId) {
    return queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).computeIfAbsent(queueId,
        id -> new ConsumeQueue(topic, id, root.resolve(topic).resolve(String.valueOf(id)),
            segmentSize, io));
  }

  /** Snapshot of every queue. */
  public List<ConsumeQueue> all() {
    List<ConsumeQueue> out = new ArrayList<>();
    queues.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** Highest indexed record end over all queues, or -1. */
  public long maxPhysicalOffset() {
    long max = -1;
    for (ConsumeQueue cq : all()) {
      max = Math.max(max, cq.maxPhysicalOffset());
    }
    return max;
  }

  public void flush(int leastPages) throws IOException {
    for (ConsumeQueue cq : all()) {
      cq.flush(leastPages);
    }
  }

  /** Deletes every queue file (the CommitLog is empty). */
  public void destroyAll() {
    for (ConsumeQueue cq : all()) {
      cq.destroy();
    }
  }

  public void close() {
    for (ConsumeQueue cq : all()) {
      cq.close();
    }
  }
}
