package io.apogeemq.store;

import static io.apogeemq.store.Messages.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a child JVM that appends with SYNC_FLUSH (SIGKILL, random moments, 20 rounds) and checks
 * after each restart that every acknowledged message is readable in order through its consume
 * queue and by key through the index, and that no message appears twice.
 */
class CrashRecoveryIT {

  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
  private static final int ROUNDS = 20;

  @TempDir Path dir;

  record Ack(int round, int thread, int seq, int queue, long queueOffset, long physicalOffset) {}

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedMessageSurvivesSigkillAndNothingAppearsTwice() throws Exception {
    long seed = System.nanoTime();
    LOG.info("crash test seed {}", seed);
    Random rnd = new Random(seed);
    List<Ack> acked = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int rounds = 0;
    for (int round = 1; round <= ROUNDS && System.nanoTime() < deadline; round++) {
      acked.addAll(runAndKill(round, 50 + rnd.nextInt(400)));
      rounds++;
      verify(acked, round, seed);
    }
    assertThat(rounds).as("rounds within the time bound (seed %d)", seed).isEqualTo(ROUNDS);
    assertThat(acked).hasSizeGreaterThan(ROUNDS);
  }

  private List<Ack> runAndKill(int round, long killAfterMillis) throws Exception {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Path outFile = dir.getParent().resolve(dir.getFileName() + "-child-" + round + ".out");
    Process p = new ProcessBuilder(javaBin.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", cp, CrashChild.class.getName(),
        dir.toString(), Integer.toString(round))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(outFile.toFile()).start();
    List<Ack> acks = new ArrayList<>();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
          .until(() -> !p.isAlive() || Files.readString(outFile).startsWith("READY"));
      assertThat(p.isAlive()).as("child started: %s", Files.readString(outFile)).isTrue();
      Thread.sleep(killAfterMillis);
      p.destroyForcibly();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      String text = Files.readString(outFile);
      int lastNewline = text.lastIndexOf('\n');
      for (String line : text.substring(0, lastNewline + 1).split("\n")) {
        if (line.startsWith("ACK ")) {
          String[] f = line.split(" ");
          acks.add(new Ack(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
              Integer.parseInt(f[3]), Integer.parseInt(f[4]), Long.parseLong(f[5]),
              Long.parseLong(f[6])));
        } else if (line.startsWith("FAIL")) {
          throw new AssertionError("child refused an append: " + line);
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(outFile);
    }
    assertThat(Files.exists(dir.resolve("abort"))).as("killed child leaves its abort marker")
        .isTrue();
    return acks;
  }

  private void verify(List<Ack> acked, int round, long seed) throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(CrashChild.config(dir))) {
      LOG.info("round {}: {} acked so far; {}", round, acked.size(), store.recoveryReport());
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> store.dispatchedOffset() >= store.commitLogMaxOffset());
      Set<String> seen = new HashSet<>();
      Map<String, MessageRecord> byBody = new HashMap<>();
      for (int q = 0; q < 3; q++) {
        long offset = store.minOffset("C", q);
        long max = store.maxOffset("C", q);
        Map<Integer, Integer> lastSeqOfThread = new HashMap<>();
        while (offset < max) {
          try (GetResult r = store.getMessages("C", q, offset, 32, 1 << 20, TagFilter.ALL)) {
            assertThat(r.status()).as("seed %d queue %d offset %d", seed, q, offset)
                .isEqualTo(GetStatus.FOUND);
            for (var s : r.messages()) {
              MessageRecord m = decode(s);
              assertThat(m.queueOffset()).isEqualTo(offset);
              String id = new String(m.body()).split("-x")[0].replaceAll("-$", "");
              String key = m.property("KEYS");
              assertThat(seen.add(key)).as("seed %d: %s appears twice", seed, key).isTrue();
              byBody.put(key, m);
              String[] parts = key.split("-");
              int roundOf = Integer.parseInt(parts[1]);
              int thread = Integer.parseInt(parts[2]);
              int seq = Integer.parseInt(parts[3]);
              Integer prev = lastSeqOfThread.put(roundOf * 10 + thread, seq);
              assertThat(prev == null || prev < seq).as("seed %d: order in queue %d", seed, q)
                  .isTrue();
              assertThat(id).startsWith("r" + roundOf);
              offset++;
            }
          }
        }
      }
      for (Ack a : acked) {
        String key = "key-" + a.round + "-" + a.thread + "-" + a.seq;
        MessageRecord m = byBody.get(key);
        assertThat(m).as("seed %d: acknowledged %s missing after round %d", seed, key, round)
            .isNotNull();
        assertThat(m.queueId()).isEqualTo(a.queue);
        assertThat(m.queueOffset()).isEqualTo(a.queueOffset);
        assertThat(m.physicalOffset()).isEqualTo(a.physicalOffset);
      }
      List<Ack> recent = acked.subList(Math.max(0, acked.size() - 20), acked.size());
      for (Ack a : recent) {
        String key = "key-" + a.round + "-" + a.thread + "-" + a.seq;
        assertThat(store.queryByKey("C", key, 4, 0, Long.MAX_VALUE).physicalOffsets())
            .as("seed %d: index lookup of %s", seed, key).contains(a.physicalOffset);
      }
    }
  }
}
