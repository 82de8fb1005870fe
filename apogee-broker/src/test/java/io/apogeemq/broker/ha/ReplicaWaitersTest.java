package io.apogeemq.broker.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.store.PutStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReplicaWaitersTest {

  private final AtomicLong nanos = new AtomicLong();
  private final ReplicaWaiters waiters = new ReplicaWaiters(nanos::get);

  @Test
  void oneAcknowledgementCompletesEveryWaiterAtOrBelowIt() {
    CompletableFuture<PutStatus> a = waiters.await(100, 1000);
    CompletableFuture<PutStatus> b = waiters.await(200, 1000);
    CompletableFuture<PutStatus> c = waiters.await(300, 1000);
    waiters.acknowledged(200);
    assertThat(a).isCompletedWithValue(PutStatus.PUT_OK);
    assertThat(b).isCompletedWithValue(PutStatus.PUT_OK);
    assertThat(c).isNotDone();
    assertThat(waiters.size()).isEqualTo(1);
  }

  @Test
  void waiterForAnAlreadyAcknowledgedOffsetCompletesAtOnce() {
    waiters.acknowledged(500);
    assertThat(waiters.await(499, 1000)).isCompletedWithValue(PutStatus.PUT_OK);
    assertThat(waiters.size()).isZero();
  }

  @Test
  void olderAcknowledgementNeverMovesBack() {
    waiters.acknowledged(500);
    waiters.acknowledged(100);
    assertThat(waiters.acked()).isEqualTo(500);
  }

  @Test
  void unacknowledgedWaitersTimeOutAsFlushSlaveTimeoutOnlyAfterTheirDeadline() {
    CompletableFuture<PutStatus> early = waiters.await(100, 50);
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(30));
    CompletableFuture<PutStatus> late = waiters.await(200, 50);
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(25));
    waiters.expire();
    assertThat(early).isCompletedWithValue(PutStatus.FLUSH_SLAVE_TIMEOUT);
    assertThat(late).isNotDone();
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(30));
    waiters.expire();
    assertThat(late).isCompletedWithValue(PutStatus.FLUSH_SLAVE_TIMEOUT);
  }

  @Test
  void closeReleasesEveryWaiterAndRefusesNewOnes() {
    CompletableFuture<PutStatus> a = waiters.await(100, 1000);
    waiters.close();
    assertThat(a).isCompletedWithValue(PutStatus.FLUSH_SLAVE_TIMEOUT);
    assertThat(waiters.await(1, 1000)).isCompletedWithValue(PutStatus.FLUSH_SLAVE_TIMEOUT);
  }

  @Test
  void concurrentAcknowledgementsAndWaitersLoseNoCompletion() throws Exception {
    ReplicaWaiters real = new ReplicaWaiters(System::nanoTime);
    List<CompletableFuture<PutStatus>> all = new ArrayList<>();
    Thread acker = new Thread(() -> {
      for (long o = 1; o <= 20_000; o++) {
        real.acknowledged(o);
      }
    });
    acker.start();
    for (long o = 1; o <= 20_000; o++) {
      all.add(real.await(o, 60_000));
    }
    acker.join();
    real.acknowledged(20_000);
    assertThat(all).allSatisfy(f -> assertThat(f).isCompletedWithValue(PutStatus.PUT_OK));
  }
}
