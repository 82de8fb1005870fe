package io.apogeemq.store.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random schedules, clock steps, clean restarts and crashes against a model (jqwik, fixed seed,
 * bounded tries; jqwik ignores JUnit's {@code @Timeout}, the tries are small): nothing is
 * delivered before its time, deliveries come in due order, nothing is lost, and nothing is
 * delivered twice unless a crash happened after its delivery and before the next checkpoint.
 */
class TimerStoreProperties {

  /** kind 0 add (arg = delay ms), 1 advance clock (arg ms), 2 checkpoint, 3 clean restart, 4 crash. */
  record Op(int kind, int arg) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(10, 0), net.jqwik.api.Tuple.of(6, 1),
            net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(1, 3),
            net.jqwik.api.Tuple.of(1, 4)),
        Arbitraries.integers().between(0, 5_000)).as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(120);
  }

  @Property(seed = "20261122", tries = 60)
  void deliversEveryMessageAtOrAfterItsTimeInOrderAndOnlyCrashesRepeat(
      @ForAll("ops") List<Op> ops) throws Exception {
    Path dir = Files.createTempDirectory("timer-prop");
    // Tiny slots, wheel and segments so that slot reuse, chains and segment rolls all happen.
    TimerStoreConfig cfg = new TimerStoreConfig(100, 2 * (6_000 / 100 + 2), 40 * 16, 50);
    long now = 1_000_000;
    List<Long> dueOf = new ArrayList<>(); // queue offset -> requested due
    Map<Long, Integer> deliveries = new HashMap<>();
    boolean crashed = false;
    TimerStore store = TimerStore.open(dir, cfg, now);
    try {
      for (Op op : ops) {
        switch (op.kind()) {
          case 0 -> {
            dueOf.add(now + op.arg());
            enqueue(store, now, dueOf, deliveries);
          }
          case 1 -> {
            now += op.arg();
            deliverDue(store, now, dueOf, deliveries);
          }
          case 2 -> store.checkpoint(false);
          case 3 -> {
            store.close();
            store = TimerStore.open(dir, cfg, now);
            enqueue(store, now, dueOf, deliveries);
          }
          default -> {
            store.abandon();
            crashed = true;
            store = TimerStore.open(dir, cfg, now);
            enqueue(store, now, dueOf, deliveries);
          }
        }
      }
      now += 10_000;
      deliverDue(store, now, dueOf, deliveries);
      for (long q = 0; q < dueOf.size(); q++) {
        assertThat(deliveries.getOrDefault(q, 0)).as("deliveries of message %d", q)
            .isGreaterThanOrEqualTo(1);
        if (!crashed) {
          assertThat(deliveries.get(q)).as("deliveries of message %d", q).isEqualTo(1);
        }
      }
    } finally {
      store.close();
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * What the broker does: add every timer-queue message from the store's enqueue offset; when a
   * wheel slot is still busy (delivery lags a whole turn behind, e.g. right after a restart),
   * deliver what is due first.
   */
  private static void enqueue(TimerStore store, long now, List<Long> dueOf,
      Map<Long, Integer> deliveries) {
    for (long q = store.enqueueOffset(); q < dueOf.size(); q++) {
      if (!store.add(dueOf.get((int) q), 10_000 + q, 100, q)) {
        deliverDue(store, now, dueOf, deliveries);
        assertThat(store.add(dueOf.get((int) q), 10_000 + q, 100, q)).as("add after catching up")
            .isTrue();
      }
    }
  }

  private static void deliverDue(TimerStore store, long now, List<Long> dueOf,
      Map<Long, Integer> deliveries) {
    long lastDue = Long.MIN_VALUE;
    TimerEntry e;
    while ((e = store.peekDue(now)) != null || store.nextWakeMs(now) <= now) {
      if (e == null) {
        continue; // a chain is still being loaded
      }
      long q = e.commitLogOffset() - 10_000;
      assertThat(e.queueOffset()).isEqualTo(q);
      assertThat(e.dueMs()).as("never before its time").isGreaterThanOrEqualTo(dueOf.get((int) q))
          .isLessThanOrEqualTo(now);
      assertThat(e.dueMs()).as("due order").isGreaterThanOrEqualTo(lastDue);
      lastDue = e.dueMs();
      deliveries.merge(q, 1, Integer::sum);
      store.delivered(e);
    }
    assertThat(store.nextWakeMs(now)).isGreaterThan(now);
  }

}
