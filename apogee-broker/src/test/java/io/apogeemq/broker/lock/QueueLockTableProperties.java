package io.apogeemq.broker.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.SteppingClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Model check (jqwik, fixed seed, bounded tries): whatever the interleaving of lock, unlock,
 * connection close and time, a queue is never granted to a client while another client of the
 * group still holds a grant that is live (not expired, not released).
 */
class QueueLockTableProperties {

  private static final long MAX_LIVE = 100;

  @Property(seed = "20261122", tries = 300)
  void aQueueNeverHasTwoLiveHoldersInOneGroup(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 59) Integer> steps) {
    SteppingClock clock = new SteppingClock(0);
    QueueLockTable table = new QueueLockTable(clock, MAX_LIVE, (g, c) -> true);
    String[] clients = {"A", "B", "C"};
    QueueAddress[] queues = {new QueueAddress("T", "b", 0), new QueueAddress("T", "b", 1)};
    Map<String, Object> connections = new HashMap<>();
    for (String c : clients) {
      connections.put(c, new Object());
    }
    // model: queue -> (client -> time of its last grant still not released)
    Map<QueueAddress, Map<String, Long>> grants = new HashMap<>();
    for (int step : steps) {
      String client = clients[step % 3];
      QueueAddress q = queues[(step / 3) % 2];
      switch (step / 6 % 10) {
        case 0, 1, 2, 3 -> {
          Set<QueueAddress> got = table.lock("g", client, connections.get(client), List.of(q));
          Map<String, Long> live = grants.computeIfAbsent(q, k -> new HashMap<>());
          if (got.contains(q)) {
            for (Map.Entry<String, Long> e : live.entrySet()) {
              if (!e.getKey().equals(client)) {
                assertThat(clock.millis() - e.getValue())
                    .as("%s granted to %s while %s holds a live lock", q, client, e.getKey())
                    .isGreaterThan(MAX_LIVE);
              }
            }
            live.clear();
            live.put(client, clock.millis());
          }
        }
        case 4 -> {
          table.unlock("g", client, List.of(q));
          grants.getOrDefault(q, new HashMap<>()).remove(client);
        }
        case 5 -> {
          table.releaseConnection(connections.get(client));
          connections.put(client, new Object());
          grants.values().forEach(m -> m.remove(client));
        }
        default -> clock.advance(step % 7 * 10);
      }
    }
  }
}
