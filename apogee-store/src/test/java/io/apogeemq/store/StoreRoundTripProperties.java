package io.apogeemq.store;

import static io.apogeemq.store.Messages.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.awaitility.Awaitility;

/**
 * Random sequences of single and batch appends (bodies up to 4 MiB), reads and clean restarts:
 * every read returns exactly what was appended, in order. jqwik prints the seed on failure.
 */
class StoreRoundTripProperties {

  private static final String[] TOPICS = {"A", "B"};

  record Op(int kind, int queue, int count, int size, long seed) {}

  @Property(tries = 12, afterFailure = AfterFailureMode.RANDOM_SEED)
  void everyReadReturnsExactlyWhatWasAppended(@ForAll("ops") @Size(min = 1, max = 25) List<Op> ops)
      throws Exception {
    // jqwik ignores JUnit's @Timeout, so each try bounds itself.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(90),
        () -> runOps(ops));
  }

  private void runOps(List<Op> ops) throws Exception {
    Path dir = Files.createTempDirectory("apogee-store-prop");
    StoreConfig config = StoreConfig.builder(dir).mappedFileSizeCommitLog(9 * 1024 * 1024)
        .mappedFileSizeConsumeQueue(20 * 50).maxHashSlotNum(32).maxIndexNum(200)
        .flushIntervalCommitLog(10).build();
    Map<String, List<byte[]>> model = new HashMap<>();
    LocalMessageStore store = LocalMessageStore.open(config);
    try {
      for (Op op : ops) {
        String topic = TOPICS[op.queue % 2];
        int queue = op.queue / 2;
        List<byte[]> expected = model.computeIfAbsent(topic + "/" + queue, k -> new ArrayList<>());
        Random rnd = new Random(op.seed);
        switch (op.kind) {
          case 0 -> {
            byte[] body = body(rnd, op.size);
            AppendResult r = store.append(Messages.message(topic, queue, body, "t", null, null))
                .get();
            assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
            assertThat(r.queueOffset()).isEqualTo(expected.size());
            expected.add(body);
          }
          case 1 -> {
            List<AppendMessage> batch = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < op.count; i++) {
              byte[] body = body(rnd, Math.min(op.size, 64 * 1024));
              bodies.add(body);
              batch.add(Messages.message(topic, queue, body, null, null, null));
            }
            AppendResult r = store.appendBatch(batch).get();
            assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
            assertThat(r.queueOffset()).isEqualTo(expected.size());
            expected.addAll(bodies);
          }
          case 2 -> {
            store.close();
            store = LocalMessageStore.open(config);
          }
          default -> verify(store, model);
        }
      }
      verify(store, model);
      store.close();
      store = LocalMessageStore.open(config);
      verify(store, model);
    } finally {
      store.close();
      deleteTree(dir);
    }
  }

  private static byte[] body(Random rnd, int size) {
    byte[] b = new byte[size];
    rnd.nextBytes(b);
    return b;
  }

  private static void verify(LocalMessageStore store, Map<String, List<byte[]>> model) {
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> store.dispatchedOffset() >= store.commitLogMaxOffset());
    for (Map.Entry<String, List<byte[]>> e : model.entrySet()) {
      String[] tq = e.getKey().split("/");
      int queue = Integer.parseInt(tq[1]);
      List<byte[]> expected = e.getValue();
      assertThat(store.maxOffset(tq[0], queue)).isEqualTo(expected.size());
      long offset = 0;
      while (offset < expected.size()) {
        try (GetResult r = store.getMessages(tq[0], queue, offset, 32, 8 << 20, TagFilter.ALL)) {
          assertThat(r.status()).as("read %s at %d", e.getKey(), offset)
              .isEqualTo(GetStatus.FOUND);
          for (var slice : r.messages()) {
            MessageRecord m = decode(slice);
            assertThat(m.queueOffset()).isEqualTo(offset);
            assertThat(m.topic()).isEqualTo(tq[0]);
            assertThat(Arrays.equals(m.body(), expected.get((int) offset)))
                .as("body of %s at %d", e.getKey(), offset).isTrue();
            offset++;
          }
          assertThat(r.nextBeginOffset()).isEqualTo(offset);
        }
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, Arbitraries.integers().between(0, 2000)),
        net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(2000, 300_000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(3_000_000, 4 * 1024 * 1024)));
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.frequency(net.jqwik.api.Tuple.of(10, 0), net.jqwik.api.Tuple.of(4, 1),
            net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(2, 3)),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 20), sizes,
        Arbitraries.longs()).as(Op::new);
    return op.list();
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }
}
