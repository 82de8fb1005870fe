package io.apogeemq.store;

import static io.apogeemq.store.Messages.decode;
import static io.apogeemq.store.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FaultInjectionTest {

  @TempDir Path dir;
  private final FaultyStorageIo io = new FaultyStorageIo();

  @Test
  void failsFastWhenNoSegmentCanBeCreatedButKeepsServingReads() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).preallocateCommitLog(false).build();
    try (LocalMessageStore store = LocalMessageStore.open(config, io, Clock.systemDefaultZone())) {
      AppendResult ok = store.append(message("T", 0, new byte[30_000], null, null, null)).get();
      assertThat(ok.status()).isEqualTo(PutStatus.PUT_OK);
      LocalMessageStoreTest.awaitDispatched(store);
      io.diskFull = true;
      store.append(message("T", 0, new byte[30_000], null, null, null)).get();
      AppendResult refused = store.append(message("T", 0, new byte[30_000], null, null, null))
          .get(5, TimeUnit.SECONDS);
      assertThat(refused.status()).isEqualTo(PutStatus.CREATE_MAPPED_FILE_FAILED);
      assertThat(refused.error()).contains("No space left").contains("commitlog");
      LocalMessageStoreTest.awaitDispatched(store);
      try (GetResult r = store.getMessages("T", 0, 0, 32, 1 << 20, TagFilter.ALL)) {
        assertThat(r.messages()).hasSize(2);
      }
      io.diskFull = false;
      AppendResult later = store.append(message("T", 0, "after")).get();
      assertThat(later.status()).isEqualTo(PutStatus.PUT_OK);
      assertThat(later.queueOffset()).isEqualTo(2);
    }
  }

  @Test
  void syncFlushWaiterPastTimeoutGetsFlushDiskTimeoutYetTheMessageIsStored() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).flushDiskType(FlushDiskType.SYNC_FLUSH)
        .syncFlushTimeout(100).build();
    try (LocalMessageStore store = LocalMessageStore.open(config, io, Clock.systemDefaultZone())) {
      assertThat(store.append(message("T", 0, "fast")).get().status())
          .isEqualTo(PutStatus.PUT_OK);
      io.forceDelayMillis = 600;
      AppendResult slow = store.append(message("T", 0, "slow")).get(5, TimeUnit.SECONDS);
      assertThat(slow.status()).isEqualTo(PutStatus.FLUSH_DISK_TIMEOUT);
      io.forceDelayMillis = 0;
      LocalMessageStoreTest.awaitDispatched(store);
      try (GetResult r = store.getMessages("T", 0, 1, 1, 1 << 20, TagFilter.ALL)) {
        assertThat(new String(decode(r.messages().get(0)).body())).isEqualTo("slow");
      }
    }
  }

  @Test
  void aFailingForceRefusesFurtherAppendsWhileReadsContinue() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).flushDiskType(FlushDiskType.SYNC_FLUSH)
        .syncFlushTimeout(2000).build();
    try (LocalMessageStore store = LocalMessageStore.open(config, io, Clock.systemDefaultZone())) {
      store.append(message("T", 0, "one")).get();
      io.forceFails = true;
      AppendResult failed = store.append(message("T", 0, "two")).get(5, TimeUnit.SECONDS);
      assertThat(failed.status()).isEqualTo(PutStatus.FLUSH_DISK_TIMEOUT);
      AppendResult refused = store.append(message("T", 0, "three")).get(5, TimeUnit.SECONDS);
      assertThat(refused.status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
      assertThat(refused.error()).contains("force");
      LocalMessageStoreTest.awaitDispatched(store);
      try (GetResult r = store.getMessages("T", 0, 0, 32, 1 << 20, TagFilter.ALL)) {
        assertThat(r.messages()).hasSize(2);
      }
      io.forceFails = false;
    }
  }

  @Test
  void groupCommitCoversConcurrentWaitersWithFewForces() throws Exception {
    StoreConfig config = Messages.smallConfig(dir).mappedFileSizeCommitLog(4 << 20)
        .flushDiskType(FlushDiskType.SYNC_FLUSH).build();
    CountingIo counting = new CountingIo();
    try (LocalMessageStore store = LocalMessageStore.open(config, counting,
        Clock.systemDefaultZone())) {
      int threads = 4;
      int perThread = 200;
      Thread[] ts = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        ts[t] = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            try {
              assertThat(store.append(message("T", 0, "x")).get().status())
                  .isEqualTo(PutStatus.PUT_OK);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }
        }, "group-commit-test-" + t);
        ts[t].start();
      }
      for (Thread t : ts) {
        t.join();
      }
      assertThat(counting.forces.get()).isLessThan(threads * perThread);
    }
  }

  static final class CountingIo extends io.apogeemq.store.file.ForwardingStorageIo {
    final java.util.concurrent.atomic.AtomicInteger forces =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void force(java.nio.MappedByteBuffer map, int from, int length)
        throws java.io.IOException {
      forces.incrementAndGet();
      super.force(map, from, length);
    }
  }
}
