package io.apogeemq.broker.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.SteppingClock;
import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.store.TagFilter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PullRequestParkerTest {

  private final SteppingClock clock = new SteppingClock(0);
  private final Map<String, Long> max = new ConcurrentHashMap<>();
  private final List<ParkedPull> woken = new ArrayList<>();
  private final PullRequestParker parker = new PullRequestParker(
      (t, q) -> max.getOrDefault(t + q, 0L), woken::add, clock);

  private ParkedPull pull(String topic, int queue, long offset, TagFilter filter, long holdMillis) {
    return pull(new EmbeddedChannel(), topic, queue, offset, filter, holdMillis);
  }

  private ParkedPull pull(EmbeddedChannel ch, String topic, int queue, long offset,
      TagFilter filter, long holdMillis) {
    RemotingCommand req = RemotingCommand.request(RequestCode.PULL_MESSAGE);
    PullRequestHeader h = new PullRequestHeader("g", topic, queue, offset, 32, 2, 0, holdMillis,
        null, 0, null, Integer.MAX_VALUE);
    return new ParkedPull(new RequestContext(ch, req, new HookChain()), h, filter, clock.millis(),
        clock.millis() + holdMillis);
  }

  @Test
  void aMatchingArrivalWakesTheParkedPullAtOnce() {
    ParkedPull p = pull("T", 0, 5, TagFilter.ALL, 15_000);
    parker.park(p);
    assertThat(woken).isEmpty();
    parker.arrived("T", 0, 6, 0, 0);
    assertThat(woken).containsExactly(p);
    assertThat(parker.size()).isZero();
  }

  @Test
  void anArrivalOnAnotherQueueOrWithAnotherTagDoesNotWake() {
    ParkedPull p = pull("T", 0, 5, TagFilter.anyOf(Set.of((long) "A".hashCode())), 15_000);
    parker.park(p);
    parker.arrived("T", 1, 6, "A".hashCode(), 0);
    parker.arrived("U", 0, 6, "A".hashCode(), 0);
    parker.arrived("T", 0, 6, "B".hashCode(), 0);
    assertThat(woken).isEmpty();
    parker.arrived("T", 0, 7, "A".hashCode(), 0);
    assertThat(woken).containsExactly(p);
  }

  @Test
  void anArrivalBelowTheRequestedOffsetDoesNotWake() {
    parker.park(pull("T", 0, 5, TagFilter.ALL, 15_000));
    parker.arrived("T", 0, 5, 0, 0);
    assertThat(woken).isEmpty();
  }

  @Test
  void thePeriodicCheckAnswersExpiredPullsAndOnlyThem() {
    ParkedPull shortOne = pull("T", 0, 5, TagFilter.ALL, 1_000);
    ParkedPull longOne = pull("T", 0, 5, TagFilter.ALL, 15_000);
    parker.park(shortOne);
    parker.park(longOne);
    clock.advance(999);
    assertThat(parker.check()).isZero();
    clock.advance(1);
    assertThat(parker.check()).isEqualTo(1);
    assertThat(woken).containsExactly(shortOne);
    clock.advance(14_000);
    parker.check();
    assertThat(woken).containsExactly(shortOne, longOne);
  }

  @Test
  void thePeriodicCheckWakesPullsWhoseQueueGrewWithoutFiltering() {
    ParkedPull p = pull("T", 0, 5, TagFilter.anyOf(Set.of(1L)), 15_000);
    parker.park(p);
    max.put("T0", 6L);
    assertThat(parker.check()).isEqualTo(1);
    assertThat(woken).containsExactly(p);
  }

  @Test
  void aQueueThatGrewBeforeParkingWakesThePullImmediately() {
    max.put("T0", 9L);
    ParkedPull p = pull("T", 0, 5, TagFilter.ALL, 15_000);
    parker.park(p);
    assertThat(woken).containsExactly(p);
    assertThat(parker.size()).isZero();
  }

  @Test
  void pullsOfClosedConnectionsAreDroppedWithoutAnswer() {
    EmbeddedChannel ch = new EmbeddedChannel();
    parker.park(pull(ch, "T", 0, 5, TagFilter.ALL, 15_000));
    ch.close();
    assertThat(parker.check()).isZero();
    assertThat(parker.size()).isZero();
    assertThat(woken).isEmpty();
  }

  @Test
  void drainHandsOverEverythingOnce() {
    parker.park(pull("T", 0, 5, TagFilter.ALL, 15_000));
    parker.park(pull("U", 3, 0, TagFilter.ALL, 15_000));
    assertThat(parker.drain()).hasSize(2);
    assertThat(parker.drain()).isEmpty();
  }
}
