package io.apogeemq.broker.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.SteppingClock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueueLockTableTest {

  private static final QueueAddress Q0 = new QueueAddress("T", "b", 0);
  private static final QueueAddress Q1 = new QueueAddress("T", "b", 1);
  private static final Object CONN_A = new Object();
  private static final Object CONN_B = new Object();

  private final SteppingClock clock = new SteppingClock(1_000);
  private final Set<String> members = new HashSet<>(Set.of("A", "B"));
  private final QueueLockTable table = new QueueLockTable(clock, 60_000,
      (group, client) -> members.contains(client));

  @Test
  void aQueueHeldByOneClientIsNotGrantedToAnotherOfTheSameGroup() {
    assertThat(table.lock("g", "A", CONN_A, List.of(Q0, Q1))).containsExactly(Q0, Q1);
    assertThat(table.lock("g", "B", CONN_B, List.of(Q0, Q1))).isEmpty();
    assertThat(table.holder("g", Q0)).contains("A");
  }

  @Test
  void otherGroupsLockTheSameQueueIndependently() {
    table.lock("g", "A", CONN_A, List.of(Q0));
    assertThat(table.lock("other", "B", CONN_B, List.of(Q0))).containsExactly(Q0);
  }

  @Test
  void reLockingRefreshesTheLockSoItDoesNotExpire() {
    table.lock("g", "A", CONN_A, List.of(Q0));
    clock.advance(50_000);
    assertThat(table.lock("g", "A", CONN_A, List.of(Q0))).containsExactly(Q0);
    clock.advance(50_000);
    assertThat(table.lock("g", "B", CONN_B, List.of(Q0))).isEmpty();
  }

  @Test
  void aLockNotRefreshedForMoreThanTheMaxLiveTimeGoesToTheNextClient() {
    table.lock("g", "A", CONN_A, List.of(Q0));
    clock.advance(60_000);
    assertThat(table.lock("g", "B", CONN_B, List.of(Q0))).as("exactly 60 s: still live").isEmpty();
    clock.advance(1);
    assertThat(table.groupHoldsLiveLock("g")).isFalse();
    assertThat(table.lock("g", "B", CONN_B, List.of(Q0))).containsExactly(Q0);
    assertThat(table.holder("g", Q0)).contains("B");
  }

  @Test
  void unlockReleasesOnlyTheHoldersOwnQueues() {
    table.lock("g", "A", CONN_A, List.of(Q0));
    assertThat(table.unlock("g", "B", List.of(Q0))).isZero();
    assertThat(table.holder("g", Q0)).contains("A");
    assertThat(table.unlock("g", "A", List.of(Q0, Q1))).isEqualTo(1);
    assertThat(table.lock("g", "B", CONN_B, List.of(Q0))).containsExactly(Q0);
  }

  @Test
  void aClosedConnectionReleasesTheLocksTakenOverIt() {
    table.lock("g", "A", CONN_A, List.of(Q0));
    table.lock("g2", "A", CONN_A, List.of(Q1));
    table.lock("g", "B", CONN_B, List.of(Q1));
    assertThat(table.releaseConnection(CONN_A)).isEqualTo(2);
    assertThat(table.holder("g", Q0)).isEmpty();
    assertThat(table.holder("g2", Q1)).isEmpty();
    assertThat(table.holder("g", Q1)).contains("B");
  }

  @Test
  void aLockReTakenOverANewConnectionSurvivesTheOldConnectionsClose() {
    Object reconnected = new Object();
    table.lock("g", "A", CONN_A, List.of(Q0));
    table.lock("g", "A", reconnected, List.of(Q0));
    assertThat(table.releaseConnection(CONN_A)).isZero();
    assertThat(table.holder("g", Q0)).contains("A");
  }

  @Test
  void aHolderThatLeftTheGroupNoLongerBlocksOthers() {
    table.lock("g", "A", CONN_A, List.of(Q0));
    members.remove("A");
    assertThat(table.lock("g", "B", CONN_B, List.of(Q0))).containsExactly(Q0);
  }

  @Test
  void releaseClientDropsAllItsLocksInTheGroup() {
    table.lock("g", "A", CONN_A, List.of(Q0, Q1));
    assertThat(table.lockedBy("g", "A")).containsExactlyInAnyOrder(Q0, Q1);
    assertThat(table.releaseClient("g", "A")).isEqualTo(2);
    assertThat(table.lockedBy("g", "A")).isEmpty();
    assertThat(table.groupHoldsLiveLock("g")).isFalse();
  }
}
