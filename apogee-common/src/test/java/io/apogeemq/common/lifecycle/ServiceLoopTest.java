package io.apogeemq.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ServiceLoopTest {

  /** Counts the work items it finds; idles for a long time when there are none. */
  private static final class Counter extends ServiceLoop {
    final AtomicLong published = new AtomicLong();
    volatile long consumed;

    Counter() {
      super("test-counter");
    }

    @Override
    protected void runLoop() {
      while (isRunning()) {
        long p = published.get();
        if (p > consumed) {
          consumed = p;
        } else {
          idleUnless(() -> published.get() > consumed, TimeUnit.SECONDS.toNanos(30));
        }
      }
    }

    void publish() {
      published.incrementAndGet();
      wakeup();
    }
  }

  @Test
  void wakeupReachesAParkedLoopAtOnceAndIsNeverLost() throws Exception {
    Counter loop = new Counter();
    loop.start();
    try {
      for (int i = 1; i <= 2_000; i++) {
        loop.publish();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (loop.consumed < i && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        // A lost wake-up would leave the loop parked for its full 30 s idle time.
        assertThat(loop.consumed).as("item %d seen without waiting for the idle timeout", i)
            .isEqualTo(i);
      }
    } finally {
      loop.stop();
    }
  }

  @Test
  void stopEndsTheThreadAndStartingTwiceIsAnError() {
    Counter loop = new Counter();
    loop.start();
    assertThat(loop.isAlive()).isTrue();
    assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test-counter");
    loop.stop();
    assertThat(loop.isAlive()).isFalse();
  }

  @Test
  void threadIsNamedForItsOwner() throws Exception {
    ServiceLoop loop = new ServiceLoop("owner-loop") {
      @Override
      protected void runLoop() {
        while (isRunning()) {
          idle(TimeUnit.SECONDS.toNanos(30));
        }
      }
    };
    loop.start();
    try {
      assertThat(Thread.getAllStackTraces().keySet())
          .anyMatch(t -> t.getName().equals("owner-loop-1"));
    } finally {
      loop.stop();
    }
  }
}
