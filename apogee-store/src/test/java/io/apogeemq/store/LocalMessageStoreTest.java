package io.apogeemq.store;

import static io.apogeemq.store.Messages.decode;
import static io.apogeemq.store.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.OffsetMessageId;
import io.apogeemq.common.message.TagHash;
import io.apogeemq.store.file.SegmentSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LocalMessageStoreTest {

  @TempDir Path dir;

  @Test
  void appendedMessagesAreReadBackThroughTheirQueueWithStoreAssignedFields() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      AppendResult a = store.append(message("T", 0, "first")).get();
      AppendResult b = store.append(message("T", 0, "second")).get();
      AppendResult c = store.append(message("T", 1, "other-queue")).get();
      assertThat(a.status()).isEqualTo(PutStatus.PUT_OK);
      assertThat(a.queueOffset()).isZero();
      assertThat(b.queueOffset()).isEqualTo(1);
      assertThat(c.queueOffset()).isZero();
      assertThat(b.physicalOffset()).isEqualTo(a.physicalOffset() + a.wroteBytes());
      awaitDispatched(store);
      try (GetResult r = store.getMessages("T", 0, 0, 32, 1 << 20, TagFilter.ALL)) {
        assertThat(r.status()).isEqualTo(GetStatus.FOUND);
        assertThat(r.nextBeginOffset()).isEqualTo(2);
        assertThat(r.messages()).hasSize(2);
        MessageRecord second = decode(r.messages().get(1));
        assertThat(new String(second.body())).isEqualTo("second");
        assertThat(second.queueOffset()).isEqualTo(1);
        assertThat(second.physicalOffset()).isEqualTo(b.physicalOffset());
        assertThat(second.storeTimestamp()).isEqualTo(b.storeTimestamp());
        assertThat(second.offsetMessageId()).isEqualTo(b.offsetMessageId(Messages.STORE));
      }
      assertThat(store.maxOffset("T", 0)).isEqualTo(2);
      assertThat(store.minOffset("T", 0)).isZero();
      try (SegmentSlice s = store.getByPhysicalOffset(
          OffsetMessageId.decode(c.offsetMessageId(Messages.STORE)).commitLogOffset())) {
        assertThat(new String(decode(s).body())).isEqualTo("other-queue");
      }
      assertThat(store.stats().putMessages()).isEqualTo(3);
    }
  }

  @Test
  void reportsEveryOffsetSituationWithTheNextOffsetToUse() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      assertThat(store.getMessages("none", 0, 0, 1, 1000, TagFilter.ALL).status())
          .isEqualTo(GetStatus.NO_MATCHED_LOGIC_QUEUE);
      for (int i = 0; i < 3; i++) {
        store.append(message("T", 0, "m" + i)).get();
      }
      awaitDispatched(store);
      GetResult one = store.getMessages("T", 0, 3, 1, 1000, TagFilter.ALL);
      assertThat(one.status()).isEqualTo(GetStatus.OFFSET_OVERFLOW_ONE);
      assertThat(one.nextBeginOffset()).isEqualTo(3);
      GetResult badly = store.getMessages("T", 0, 9, 1, 1000, TagFilter.ALL);
      assertThat(badly.status()).isEqualTo(GetStatus.OFFSET_OVERFLOW_BADLY);
      assertThat(badly.nextBeginOffset()).isEqualTo(3);
      try (GetResult limited = store.getMessages("T", 0, 0, 2, 1000, TagFilter.ALL)) {
        assertThat(limited.messages()).hasSize(2);
        assertThat(limited.nextBeginOffset()).isEqualTo(2);
      }
      try (GetResult firstAlways = store.getMessages("T", 0, 0, 10, 1, TagFilter.ALL)) {
        assertThat(firstAlways.messages()).hasSize(1);
      }
    }
  }

  @Test
  void filtersByTagHashAndSkipsPastUnmatchedEntries() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      for (int i = 0; i < 6; i++) {
        store.append(message("T", 0, ("m" + i).getBytes(), i % 2 == 0 ? "A" : "B", null, null))
            .get();
      }
      awaitDispatched(store);
      TagFilter onlyB = TagFilter.anyOf(Set.of(TagHash.of("B")));
      try (GetResult r = store.getMessages("T", 0, 0, 32, 1 << 20, onlyB)) {
        assertThat(r.messages()).extracting(s -> new String(decode(s).body()))
            .containsExactly("m1", "m3", "m5");
        assertThat(r.nextBeginOffset()).isEqualTo(6);
      }
      TagFilter none = TagFilter.anyOf(Set.of(TagHash.of("C")));
      GetResult nothing = store.getMessages("T", 0, 0, 32, 1 << 20, none);
      assertThat(nothing.status()).isEqualTo(GetStatus.NO_MATCHED_MESSAGE);
      assertThat(nothing.nextBeginOffset()).isEqualTo(6);
    }
  }

  @Test
  void rollsSegmentsWithABlankFillerAndKeepsRecordsWhole() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      List<AppendResult> results = new ArrayList<>();
      byte[] body = new byte[5000];
      for (int i = 0; i < 40; i++) {
        body[0] = (byte) i;
        results.add(store.append(message("T", 0, body.clone(), null, null, null)).get());
      }
      int segmentSize = 64 * 1024;
      for (AppendResult r : results) {
        assertThat(r.physicalOffset() / segmentSize)
            .isEqualTo((r.physicalOffset() + r.wroteBytes() - 1) / segmentSize);
      }
      awaitDispatched(store);
      for (int i = 0; i < 40; i++) {
        try (GetResult r = store.getMessages("T", 0, i, 1, 1 << 20, TagFilter.ALL)) {
          assertThat(decode(r.messages().get(0)).body()[0]).isEqualTo((byte) i);
        }
      }
      try (Stream<Path> files = Files.list(dir.resolve("commitlog"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .contains("00000000000000000000", "00000000000000065536");
      }
    }
  }

  @Test
  void batchGetsConsecutiveQueueOffsetsAndOneIdPerMessage() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      store.append(message("T", 2, "before")).get();
      List<AppendMessage> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batch.add(message("T", 2, "b" + i));
      }
      AppendResult r = store.appendBatch(batch).get();
      assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
      assertThat(r.queueOffset()).isEqualTo(1);
      assertThat(r.messageCount()).isEqualTo(5);
      assertThat(r.offsetMessageId(Messages.STORE).split(",")).hasSize(5);
      awaitDispatched(store);
      try (GetResult g = store.getMessages("T", 2, 1, 32, 1 << 20, TagFilter.ALL)) {
        assertThat(g.messages()).extracting(s -> decode(s).queueOffset())
            .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(decode(g.messages().get(4)).physicalOffset()).isEqualTo(r.physicalOffsets()[4]);
      }
      AppendResult mixed = store.appendBatch(List.of(message("T", 2, "x"), message("U", 2, "y")))
          .get();
      assertThat(mixed.status()).isEqualTo(PutStatus.MESSAGE_ILLEGAL);
      assertThat(mixed.error()).contains("one queue");
    }
  }

  @Test
  void findsMessagesByKeyAndUniqueKeyThroughTheIndex() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      AppendResult a = store.append(message("T", 0, "a".getBytes(), null, "order-1 user-7",
          "UNIQ1")).get();
      store.append(message("T", 0, "b".getBytes(), null, "order-2", null)).get();
      AppendResult c = store.append(message("T", 1, "c".getBytes(), null, "user-7", null)).get();
      awaitDispatched(store);
      long now = System.currentTimeMillis();
      assertThat(store.queryByKey("T", "user-7", 10, 0, now + 1000).physicalOffsets())
          .containsExactly(c.physicalOffset(), a.physicalOffset());
      assertThat(store.queryByKey("T", "UNIQ1", 10, 0, now + 1000).physicalOffsets())
          .containsExactly(a.physicalOffset());
      assertThat(store.queryByKey("Other", "user-7", 10, 0, now + 1000).physicalOffsets())
          .isEmpty();
      assertThat(store.queryByKey("T", "user-7", 1, 0, now + 1000).physicalOffsets()).hasSize(1);
    }
  }

  @Test
  void refusesOversizedBodiesAndPropertiesWithAReason() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir)
        .maxMessageSize(1000).build())) {
      AppendResult big = store.append(message("T", 0, new byte[1001], null, null, null)).get();
      assertThat(big.status()).isEqualTo(PutStatus.MESSAGE_ILLEGAL);
      assertThat(big.error()).contains("1001").contains("maxMessageSize");
      AppendResult props = store.append(message("T", 0, new byte[1], null, "k".repeat(40000),
          null)).get();
      assertThat(props.status()).isEqualTo(PutStatus.PROPERTIES_SIZE_EXCEEDED);
      assertThat(store.append(message("T", 0, "ok")).get().queueOffset()).isZero();
    }
  }

  @Test
  void searchesQueueOffsetsByStoreTime() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        times.add(store.append(message("T", 0, "m" + i)).get().storeTimestamp());
        Thread.sleep(3);
      }
      awaitDispatched(store);
      assertThat(store.offsetForTimestamp("T", 0, times.get(2))).isEqualTo(2);
      assertThat(store.offsetForTimestamp("T", 0, 0)).isZero();
      assertThat(store.offsetForTimestamp("T", 0, times.get(4) + 1)).isEqualTo(5);
      assertThat(store.earliestStoreTime("T", 0)).isEqualTo(times.get(0));
    }
  }

  @Test
  void reopensAfterACleanShutdownWithQueueOffsetsContinuing() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).build();
    try (LocalMessageStore store = LocalMessageStore.open(config)) {
      for (int i = 0; i < 30; i++) {
        store.append(message("T", i % 3, new byte[3000], null, "k" + i, null)).get();
      }
    }
    assertThat(dir.resolve("abort")).doesNotExist();
    try (LocalMessageStore store = LocalMessageStore.open(config)) {
      assertThat(store.recoveryReport()).contains("clean previous shutdown");
      assertThat(store.maxOffset("T", 0)).isEqualTo(10);
      assertThat(store.append(message("T", 0, "next")).get().queueOffset()).isEqualTo(10);
      awaitDispatched(store);
      assertThat(store.queryByKey("T", "k29", 5, 0, Long.MAX_VALUE).physicalOffsets()).hasSize(1);
    }
  }

  @Test
  void worksWithBlockReservingFilesToo() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir)
        .reserveDiskSpace(true).build())) {
      for (int i = 0; i < 20; i++) {
        store.append(message("T", 0, new byte[5000], null, null, null)).get();
      }
      awaitDispatched(store);
      assertThat(store.maxOffset("T", 0)).isEqualTo(20);
    }
    try (Stream<Path> files = Files.list(dir.resolve("commitlog"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        assertThat(Files.size(p)).isEqualTo(64 * 1024);
      }
    }
  }

  @Test
  void tellsListenersWhenAQueueGetsAMessage() throws Exception {
    try (LocalMessageStore store = LocalMessageStore.open(Messages.smallConfig(dir).build())) {
      List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      store.addArrivalListener((t, q, next, tags, ts) -> seen.add(t + "/" + q + "@" + next));
      store.append(message("T", 3, "x")).get();
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("T/3@1"));
    }
  }

  static void awaitDispatched(MessageStore store) {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> store.dispatchedOffset() >= store.commitLogMaxOffset());
  }
}
