package io.apogeemq.common.lifecycle;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates threads named {@code <prefix>-<n>} so that every thread in a dump says who owns it.
 *
 * <p>Thread-safe. Threads are daemons unless asked otherwise: an owner that needs its threads to
 * finish work must stop them explicitly in its own shutdown, never rely on the JVM waiting.
 */
public final class NamedThreadFactory implements ThreadFactory {

  private final String prefix;
  private final boolean daemon;
  private final AtomicInteger next = new AtomicInteger(1);

  public NamedThreadFactory(String prefix) {
    this(prefix, true);
  }

  public NamedThreadFactory(String prefix, boolean daemon) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.daemon = daemon;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread t = new Thread(task, prefix + "-" + next.getAndIncrement());
    t.setDaemon(daemon);
    return t;
  }

  /** The prefix every thread of this factory carries. */
  public String prefix() {
    return prefix;
  }
}
