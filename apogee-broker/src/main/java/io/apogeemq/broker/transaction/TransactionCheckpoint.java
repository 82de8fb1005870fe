package io.apogeemq.broker.transaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.broker.persist.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The transaction service's progress, persisted in {@code config/transaction.json} (replaced
 * atomically with {@link AtomicFile}) after every check round and at shutdown:
 *
 * <pre>
 * { "halfScanOffset": 120,       next half-queue offset the check service looks at
 *   "opReplayOffset": 57,        op-queue offset up to which "done" already accounts for op records
 *   "doneWordBase":   64,        every half-queue offset below this is done
 *   "doneWords":      "base64"   big-endian int64 words: bit i%64 of word i/64 = offset base+i done
 * }
 * </pre>
 *
 * <p>At start the service restores "done" from here and replays op records from
 * {@code opReplayOffset} (replaying more than needed is harmless: marking done is idempotent).
 *
 * @param halfScanOffset see above
 * @param opReplayOffset see above
 * @param done the completed offsets
 */
record TransactionCheckpoint(long halfScanOffset, long opReplayOffset, DoneOffsets.Snapshot done) {

  static final String FILE_NAME = "transaction.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A fresh broker: nothing scanned, nothing done. */
  static TransactionCheckpoint initial() {
    return new TransactionCheckpoint(0, 0, new DoneOffsets.Snapshot(0, new long[0]));
  }

  /**
   * Reads the file, or {@link #initial()} when there is none.
   *
   * @throws IOException when the file cannot be read or is not a checkpoint (the message names
   *     the file: a damaged progress file must stop the start, not silently re-deliver)
   */
  static TransactionCheckpoint read(Path file) throws IOException {
    Optional<byte[]> bytes = AtomicFile.read(file);
    if (bytes.isEmpty()) {
      return initial();
    }
    try {
      JsonNode n = JSON.readTree(bytes.get());
      long scan = requireLong(n, "halfScanOffset");
      long op = requireLong(n, "opReplayOffset");
      long base = requireLong(n, "doneWordBase");
      byte[] raw = Base64.getDecoder().decode(n.path("doneWords").asText(""));
      if (raw.length % 8 != 0 || base % 64 != 0 || scan < 0 || op < 0 || base < 0) {
        throw new IOException("inconsistent values");
      }
      long[] words = new long[raw.length / 8];
      ByteBuffer.wrap(raw).asLongBuffer().get(words);
      return new TransactionCheckpoint(scan, op, new DoneOffsets.Snapshot(base, words));
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("transaction progress file " + file + " is damaged: "
          + e.getMessage(), e);
    }
  }

  /** Replaces the file with this checkpoint. */
  void write(Path file) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("halfScanOffset", halfScanOffset);
    n.put("opReplayOffset", opReplayOffset);
    n.put("doneWordBase", done.wordBase());
    ByteBuffer raw = ByteBuffer.allocate(done.words().length * 8);
    raw.asLongBuffer().put(done.words());
    n.put("doneWords", Base64.getEncoder().encodeToString(raw.array()));
    AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  private static long requireLong(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new IOException("field '" + field + "' missing or not a number");
    }
    return v.asLong();
  }
}
