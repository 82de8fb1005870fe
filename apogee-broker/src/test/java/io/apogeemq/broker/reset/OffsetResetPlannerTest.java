package io.apogeemq.broker.reset;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.StoreFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class OffsetResetPlannerTest {

  @TempDir Path dir;
  private StoreFixture fixture;
  private OffsetResetPlanner planner;
  private long middle;

  @BeforeEach
  void fill() throws Exception {
    fixture = new StoreFixture(dir);
    for (int i = 0; i < 3; i++) {
      fixture.append("T", 0, null, "early-" + i);
    }
    Thread.sleep(20);
    middle = System.currentTimeMillis();
    Thread.sleep(20);
    for (int i = 0; i < 2; i++) {
      fixture.append("T", 0, null, "late-" + i);
      fixture.append("T", 1, null, "late-" + i);
    }
    planner = new OffsetResetPlanner(fixture.store());
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private static ResetOffsetHeader byTime(long timestamp, boolean force) {
    return new ResetOffsetHeader("T", "g", timestamp, force, -1, -1);
  }

  @Test
  void eachQueueGoesToTheFirstMessageStoredAtOrAfterTheTimestamp() {
    Map<Integer, Long> plan = planner.plan(byTime(middle, true), 2, q -> OptionalLong.of(5));
    assertThat(plan).containsExactly(Map.entry(0, 3L), Map.entry(1, 0L));
  }

  @Test
  void withoutForceAnOffsetOnlyMovesBack() {
    Map<Integer, Long> plan = planner.plan(byTime(middle, false), 2,
        q -> q == 0 ? OptionalLong.of(1) : OptionalLong.of(2));
    assertThat(plan).as("queue 0 stays at its earlier committed 1, queue 1 moves back to 0")
        .containsExactly(Map.entry(0, 1L), Map.entry(1, 0L));
  }

  @Test
  void aQueueWithoutCommittedOffsetGetsTheTarget() {
    Map<Integer, Long> plan = planner.plan(byTime(middle, false), 2, q -> OptionalLong.empty());
    assertThat(plan).containsExactly(Map.entry(0, 3L), Map.entry(1, 0L));
  }

  @Test
  void timestampMinusOneMeansTheEndOfEachQueue() {
    Map<Integer, Long> plan = planner.plan(byTime(-1, true), 3, q -> OptionalLong.of(0));
    assertThat(plan).containsExactly(Map.entry(0, 5L), Map.entry(1, 2L), Map.entry(2, 0L));
  }

  @Test
  void aTimestampBeforeEverythingRewindsToTheStartAndAfterEverythingToTheEnd() {
    assertThat(planner.plan(byTime(1, true), 2, q -> OptionalLong.of(1)))
        .containsExactly(Map.entry(0, 0L), Map.entry(1, 0L));
    assertThat(planner.plan(byTime(System.currentTimeMillis() + 60_000, true), 2,
        q -> OptionalLong.of(1))).containsExactly(Map.entry(0, 5L), Map.entry(1, 2L));
  }

  @Test
  void anExplicitOffsetForOneQueueIsClampedToTheQueue() {
    assertThat(planner.plan(new ResetOffsetHeader("T", "g", 0, true, 0, 4), 2,
        q -> OptionalLong.of(0))).containsExactly(Map.entry(0, 4L));
    assertThat(planner.plan(new ResetOffsetHeader("T", "g", 0, true, 1, 99), 2,
        q -> OptionalLong.of(0))).containsExactly(Map.entry(1, 2L));
  }
}
