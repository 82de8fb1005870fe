package io.apogeemq.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchSupportTest {

  @Test
  void closedLoopLoadCountsEveryCallOnNamedThreadsAndRecordsItsLatency() throws Exception {
    AtomicLong calls = new AtomicLong();
    Set<String> threadNames = ConcurrentHashMap.newKeySet();
    LoadResult r = ClosedLoopLoad.run("probe", 3, Duration.ofMillis(200), () -> {
      threadNames.add(Thread.currentThread().getName());
      calls.incrementAndGet();
      Thread.sleep(1);
    });
    assertThat(r.operations()).isEqualTo(calls.get()).isPositive();
    assertThat(r.latencyNanos().getTotalCount()).isEqualTo(r.operations());
    assertThat(threadNames).containsExactlyInAnyOrder("probe-0", "probe-1", "probe-2");
    assertThat(r.p50Nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1) * 999 / 1000);
    assertThat(r.p99Nanos()).isBetween(r.p50Nanos(), r.maxNanos());
    assertThat(r.elapsedSeconds()).isGreaterThanOrEqualTo(0.19);
    assertThat(r.perSecond(32)).isEqualTo(r.operations() * 32 / r.elapsedSeconds());
  }

  @Test
  void closedLoopLoadStopsAllThreadsAtTheFirstFailureAndRethrowsIt() {
    AtomicLong calls = new AtomicLong();
    assertThatThrownBy(() -> ClosedLoopLoad.run("failing", 4, Duration.ofSeconds(20), () -> {
      if (calls.incrementAndGet() == 5) {
        throw new IllegalStateException("send status SLAVE_NOT_AVAILABLE");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("failing failed")
        .hasRootCauseMessage("send status SLAVE_NOT_AVAILABLE");
  }

  @Test
  void alternatingRoundsRunsEveryScenarioOncePerRoundInOrderAndTakesTheMedian() throws Exception {
    List<String> order = new ArrayList<>();
    int[] values = {5, 1, 9, 2, 7, 3};
    AtomicLong call = new AtomicLong();
    AlternatingRounds<String, Integer> rounds =
        new AlternatingRounds<String, Integer>(List.of("apogee", "official"))
            .run(3, s -> values[(int) call.getAndIncrement()],
                (round, s, v) -> order.add(round + " " + s));
    assertThat(order).containsExactly("1 apogee", "1 official", "2 apogee", "2 official",
        "3 apogee", "3 official");
    assertThat(rounds.results("apogee")).containsExactly(5, 9, 7);
    assertThat(rounds.results("official")).containsExactly(1, 2, 3);
    assertThat(rounds.median("apogee", Comparator.naturalOrder())).isEqualTo(7);
    assertThat(rounds.median("official", Comparator.naturalOrder())).isEqualTo(2);
  }

  @Test
  void benchArgsTakeDefaultsForMissingPositionsAndRejectWhatIsNotANumber() {
    BenchArgs defaults = new BenchArgs(10, 8, 1024, 3);
    assertThat(BenchArgs.parse(new String[] {"5", "2"}, defaults))
        .isEqualTo(new BenchArgs(5, 2, 1024, 3));
    assertThat(BenchArgs.parse(new String[0], defaults).body()).hasSize(1024).containsOnly('x');
    assertThatThrownBy(() -> BenchArgs.parse(new String[] {"5", "many"}, defaults))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 2");
    assertThatThrownBy(() -> BenchArgs.parse(new String[] {"0"}, defaults))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seconds=0");
  }

  @Test
  void benchResourcesStopNewestFirstPastAFailureThenDeleteTheDirectory() throws Exception {
    List<String> stopped = new ArrayList<>();
    BenchResources res = BenchResources.inTempDir("bench-support");
    Path dir = res.dir();
    Files.writeString(dir.resolve("broker.conf"), "x");
    res.own("broker", stopped::add);
    res.own("client", c -> {
      stopped.add(c);
      throw new IllegalStateException("client did not stop");
    });
    assertThatThrownBy(res::close).hasMessage("client did not stop");
    assertThat(stopped).containsExactly("client", "broker");
    assertThat(dir).doesNotExist();
  }
}
