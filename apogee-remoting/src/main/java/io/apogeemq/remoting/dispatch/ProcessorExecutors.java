package io.apogeemq.remoting.dispatch;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Creates the bounded executors processors run on. */
public final class ProcessorExecutors {

  private ProcessorExecutors() {}

  /**
   * A fixed pool of {@code threads} named threads with a queue of {@code queueCapacity} tasks. When
   * the queue is full, {@code execute} throws {@link java.util.concurrent.RejectedExecutionException}
   * at once, which the dispatcher answers with {@code SYSTEM_BUSY}. The caller owns the executor
   * and shuts it down.
   */
  public static ThreadPoolExecutor bounded(String name, int threads, int queueCapacity) {
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("executor " + name + " needs threads >= 1 and queue >= 1, got "
          + threads + " and " + queueCapacity);
    }
    return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueCapacity), new NamedThreadFactory("apogee-" + name),
        new ThreadPoolExecutor.AbortPolicy());
  }
}
