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
}
