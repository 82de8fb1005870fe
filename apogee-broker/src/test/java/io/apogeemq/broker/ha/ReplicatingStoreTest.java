package io.apogeemq.broker.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.config.HaConfig.BrokerRole;
import io.apogeemq.broker.support.StoreFixture;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.PutStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ReplicatingStoreTest {

  @TempDir
  Path dir;

  private final AtomicInteger wakeups = new AtomicInteger();
  private final AtomicLong waitedFor = new AtomicLong(-1);
  private CompletableFuture<PutStatus> replica = new CompletableFuture<>();

  private final ReplicatingStore.ReplicaGate gate = new ReplicatingStore.ReplicaGate() {
    @Override
    public void appended() {
      wakeups.incrementAndGet();
    }

    @Override
    public CompletableFuture<PutStatus> replicated(long endOffset) {
      waitedFor.set(endOffset);
      return replica;
    }
  };

  private static AppendMessage message(boolean wait) {
    return new AppendMessage("T", 0, 0, "body".getBytes(StandardCharsets.UTF_8), "", 0,
        System.currentTimeMillis(), StoreFixture.HOST, StoreFixture.HOST, 0, 0, wait);
  }

  @Test
  void slaveRefusesEveryAppendWithServiceNotAvailableAndStoresNothing() throws Exception {
    try (StoreFixture f = new StoreFixture(dir)) {
      ReplicatingStore s = new ReplicatingStore(f.store(), BrokerRole.SLAVE, "b", gate);
      AppendResult r = s.append(message(true)).join();
      assertThat(r.status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
      assertThat(r.error()).contains("slave");
      assertThat(s.appendBatch(java.util.List.of(message(true))).join().status())
          .isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
      assertThat(f.store().commitLogMaxOffset()).isZero();
    }
  }

  @Test
  void syncMasterCompletesOnlyWhenTheReplicaAnswersAndWaitsForTheRecordEnd() throws Exception {
    try (StoreFixture f = new StoreFixture(dir)) {
      ReplicatingStore s = new ReplicatingStore(f.store(), BrokerRole.SYNC_MASTER, "b", gate);
      CompletableFuture<AppendResult> r = s.append(message(true));
      assertThat(r).isNotDone();
      assertThat(waitedFor.get()).isEqualTo(f.store().commitLogMaxOffset());
      assertThat(wakeups.get()).isEqualTo(1);
      replica.complete(PutStatus.PUT_OK);
      assertThat(r.join().status()).isEqualTo(PutStatus.PUT_OK);
    }
  }

  @Test
  void replicaTimeoutOverridesAStoredStatus() throws Exception {
    try (StoreFixture f = new StoreFixture(dir)) {
      ReplicatingStore s = new ReplicatingStore(f.store(), BrokerRole.SYNC_MASTER, "b", gate);
      replica.complete(PutStatus.FLUSH_SLAVE_TIMEOUT);
      AppendResult r = s.append(message(true)).join();
      assertThat(r.status()).isEqualTo(PutStatus.FLUSH_SLAVE_TIMEOUT);
      assertThat(r.status().isStored()).isTrue();
      assertThat(r.physicalOffset()).isZero();
    }
  }

  @Test
  void messageThatDoesNotWaitAndAsyncMasterNeverWaitForTheReplica() throws Exception {
    try (StoreFixture f = new StoreFixture(dir)) {
      ReplicatingStore sync = new ReplicatingStore(f.store(), BrokerRole.SYNC_MASTER, "b", gate);
      assertThat(sync.append(message(false)).join().status()).isEqualTo(PutStatus.PUT_OK);
      ReplicatingStore async = new ReplicatingStore(f.store(), BrokerRole.ASYNC_MASTER, "b",
          gate);
      assertThat(async.append(message(true)).join().status()).isEqualTo(PutStatus.PUT_OK);
      assertThat(waitedFor.get()).isEqualTo(-1);
      assertThat(wakeups.get()).isEqualTo(2);
    }
  }
}
