package io.apogeemq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.client.message.MessageQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProcessQueueTest {

  private static final MessageQueue Q = new MessageQueue("t", "b", 0);

  static ReceivedMessage msg(long offset, int bytes) {
    return new ReceivedMessage("t", null, List.of(), new byte[bytes], Map.of(), "id" + offset,
        "oid", Q, offset, offset * 100, 0, 0, 0, 0);
  }

  @Test
  void committedOffsetIsTheLowestUnconsumedOffset() {
    ProcessQueue pq = new ProcessQueue(Q, 10);
    assertThat(pq.committableOffset()).isEqualTo(-1);
    pq.add(List.of(msg(10, 1), msg(11, 1), msg(12, 1)));
    assertThat(pq.remove(List.of(msg(11, 1)))).as("10 still unconsumed").isEqualTo(10);
    assertThat(pq.remove(List.of(msg(10, 1)))).isEqualTo(12);
    assertThat(pq.remove(List.of(msg(12, 1)))).as("all done: one past the highest").isEqualTo(13);
  }

  @Test
  void countsBytesAndSpanForFlowControl() {
    ProcessQueue pq = new ProcessQueue(Q, 0);
    pq.add(List.of(msg(5, 100), msg(2005, 50)));
    assertThat(pq.count()).isEqualTo(2);
    assertThat(pq.bytes()).isEqualTo(150);
    assertThat(pq.span()).isEqualTo(2000);
    pq.add(List.of(msg(5, 100)));
    assertThat(pq.bytes()).as("a duplicate is not counted twice").isEqualTo(150);
  }

  @Property(tries = 200, seed = "7")
  void inAnyCompletionOrderTheCommitNeverPassesAnUnconsumedMessage(
      @ForAll @IntRange(min = 1, max = 60) int n, @ForAll long shuffleSeed) {
    ProcessQueue pq = new ProcessQueue(Q, 0);
    List<ReceivedMessage> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(msg(100 + i, 1));
    }
    pq.add(all);
    List<ReceivedMessage> order = new ArrayList<>(all);
    Collections.shuffle(order, new java.util.Random(shuffleSeed));
    java.util.Set<Long> done = new java.util.HashSet<>();
    for (ReceivedMessage m : order) {
      long committed = pq.remove(List.of(m));
      done.add(m.queueOffset());
      for (long o = 100; o < committed; o++) {
        assertThat(done).contains(o);
      }
    }
    assertThat(pq.committableOffset()).isEqualTo(100 + n);
  }

  @Test
  void orderlyBatchesAreTheFirstHeldMessagesWithTheirLocalFailuresCounted() {
    ProcessQueue pq = new ProcessQueue(Q, 0);
    pq.add(List.of(msg(7, 1), msg(5, 1), msg(6, 1)));
    assertThat(pq.firstHeld(2)).extracting(ReceivedMessage::queueOffset).containsExactly(5L, 6L);
    pq.countFailure(5);
    pq.countFailure(5);
    assertThat(pq.firstHeld(2)).extracting(ReceivedMessage::reconsumeTimes).containsExactly(2, 0);
    assertThat(pq.count()).as("peeking leaves them held").isEqualTo(3);
    assertThat(pq.remove(pq.firstHeld(2))).isEqualTo(7);
    pq.add(List.of(msg(5, 1)));
    assertThat(pq.firstHeld(1).get(0).reconsumeTimes()).as("failures forgotten once done")
        .isZero();
  }

  @Test
  void oneConsumeTaskPerQueueAndTheLockExpiresThirtySecondsAfterItsLastRenewal() {
    ProcessQueue pq = new ProcessQueue(Q, 0);
    assertThat(pq.claimTask()).isTrue();
    assertThat(pq.claimTask()).as("a second task is refused while one is scheduled").isFalse();
    pq.releaseTask();
    assertThat(pq.claimTask()).isTrue();

    long t0 = 1_000_000_000L;
    assertThat(pq.lockValid(t0)).isFalse();
    pq.lockGranted(t0);
    assertThat(pq.lockValid(t0 + ProcessQueue.LOCK_TTL_NANOS - 1)).isTrue();
    assertThat(pq.lockValid(t0 + ProcessQueue.LOCK_TTL_NANOS)).isFalse();
    pq.lockGranted(t0 + ProcessQueue.LOCK_TTL_NANOS);
    pq.lockLost();
    assertThat(pq.lockValid(t0 + ProcessQueue.LOCK_TTL_NANOS)).isFalse();
  }
}
