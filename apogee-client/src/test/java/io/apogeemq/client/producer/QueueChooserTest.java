package io.apogeemq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.client.internal.LatencyFaultTable;
import io.apogeemq.client.message.MessageQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueChooserTest {

  private final List<MessageQueue> queues = List.of(
      new MessageQueue("t", "a", 0), new MessageQueue("t", "a", 1),
      new MessageQueue("t", "b", 0), new MessageQueue("t", "b", 1));

  @Test
  void roundRobinVisitsEveryQueueEqually() {
    QueueChooser c = new QueueChooser(new LatencyFaultTable(Clock.systemUTC()), false);
    Map<MessageQueue, Integer> counts = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      counts.merge(c.choose(queues, null), 1, Integer::sum);
    }
    assertThat(counts).hasSize(4).allSatisfy((q, n) -> assertThat(n).isEqualTo(100));
  }

  @Test
  void retryAvoidsTheBrokerOfThePreviousAttempt() {
    QueueChooser c = new QueueChooser(new LatencyFaultTable(Clock.systemUTC()), false);
    for (int i = 0; i < 50; i++) {
      assertThat(c.choose(queues, "a").brokerName()).isEqualTo("b");
    }
  }

  @Test
  void penalisedBrokerIsSkippedWhileAnotherIsAvailable() {
    LatencyFaultTable faults = new LatencyFaultTable(Clock.systemUTC());
    faults.update("b", 0, true);
    QueueChooser c = new QueueChooser(faults, true);
    List<String> brokers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      brokers.add(c.choose(queues, null).brokerName());
    }
    assertThat(brokers).containsOnly("a");
  }

  @Test
  void whenEveryBrokerIsPenalisedSendingStillPicksAQueue() {
    LatencyFaultTable faults = new LatencyFaultTable(Clock.systemUTC());
    faults.update("a", 0, true);
    faults.update("b", 0, true);
    QueueChooser c = new QueueChooser(faults, true);
    assertThat(c.choose(queues, "a")).isIn(queues);
  }
}
