package io.apogeemq.remoting.netty;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;

/**
 * Names I/O threads like {@link NamedThreadFactory} ({@code <prefix>-<n>}, daemon) but creates
 * Netty {@link FastThreadLocalThread}s, which give the pooled allocator's per-thread caches their
 * fast path. Thread-safe.
 */
final class EventLoopThreadFactory implements ThreadFactory {

  private final NamedThreadFactory names;

  EventLoopThreadFactory(String prefix) {
    this.names = new NamedThreadFactory(prefix);
  }

  @Override
  public Thread newThread(Runnable task) {
    String name = names.newThread(() -> { }).getName();
    FastThreadLocalThread thread = new FastThreadLocalThread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
