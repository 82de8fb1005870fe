package io.apogeemq.remoting.netty;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names I/O threads exactly like {@link io.apogeemq.common.lifecycle.NamedThreadFactory}
 * ({@code <prefix>-<n>}, daemon) but creates Netty {@link FastThreadLocalThread}s, which give the
 * pooled allocator's per-thread caches and Netty's thread-locals their fast path. The event loop
 * group that uses it owns and stops these threads. Thread-safe.
 */
final class EventLoopThreadFactory implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger next = new AtomicInteger(1);

  EventLoopThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    FastThreadLocalThread thread = new FastThreadLocalThread(task,
        prefix + "-" + next.getAndIncrement());
    thread.setDaemon(true);
    return thread;
  }
}
