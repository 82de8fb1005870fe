package io.apogeemq.common.lifecycle;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One named thread owned by a service: started once, woken on demand, stopped and joined.
 *
 * <p>A subclass puts its duty cycle in {@link #runLoop()}, which returns once {@link #isRunning()}
 * turns false. Between rounds it waits with {@link #idleUnless(BooleanSupplier, long)}; producers of
 * work call {@link #wakeup()}, which costs one volatile read unless the loop is actually parked, so
 * it is cheap enough for hot paths such as an append.
 *
 * <p>The wake-up cannot be lost: the loop announces that it is parking before it checks for work a
 * last time, and a producer publishes its work before it reads that announcement (both through
 * volatiles), so at least one of them sees the other.
 *
 * <p>Thread-safety: {@link #start()}, {@link #wakeup()} and {@link #stop()} may be called from any
 * thread.
 */
public abstract class ServiceLoop {

  private static final long STOP_JOIN_MILLIS = TimeUnit.SECONDS.toMillis(10);

  private final NamedThreadFactory threads;
  private volatile boolean running;
  private volatile boolean parked;
  private volatile Thread thread;

  /** @param threadPrefix the thread is named {@code <threadPrefix>-1} */
  protected ServiceLoop(String threadPrefix) {
    this.threads = new NamedThreadFactory(threadPrefix);
  }

  /** Starts the thread. A loop runs once: starting it twice is an error. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException(threads.prefix() + " was already started");
    }
    running = true;
    Thread t = threads.newThread(this::runLoop);
    thread = t;
    t.start();
  }

  /** The duty cycle; returns when {@link #isRunning()} is false. Runs on the owned thread. */
  protected abstract void runLoop();

  /** False once {@link #stop()} was called. */
  protected final boolean isRunning() {
    return running;
  }

  /**
   * Parks for at most {@code nanos} unless {@code workArrived} already says there is work, or
   * until {@link #wakeup()} or {@link #stop()}.
   */
  protected final void idleUnless(BooleanSupplier workArrived, long nanos) {
    parked = true;
    try {
      if (running && !workArrived.getAsBoolean()) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      parked = false;
    }
  }

  /** Parks for at most {@code nanos}, or until {@link #wakeup()} or {@link #stop()}. */
  protected final void idle(long nanos) {
    idleUnless(() -> false, nanos);
  }

  /** Wakes the loop if it is parked; otherwise a single volatile read. */
  public final void wakeup() {
    if (parked) {
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  /** Asks the loop to finish its round and waits (up to 10 s) for the thread to end. */
  public void stop() {
    running = false;
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    LockSupport.unpark(t);
    try {
      t.join(STOP_JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the owned thread is alive (for shutdown checks and tests). */
  public final boolean isAlive() {
    Thread t = thread;
    return t != null && t.isAlive();
  }
}
