package io.apogeemq.remoting.netty;

import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.dispatch.ProcessorExecutors;
import io.apogeemq.remoting.dispatch.ProcessorRegistry;
import io.apogeemq.remoting.dispatch.RequestDispatcher;
import io.apogeemq.remoting.invoke.ChannelInvoker;
import io.apogeemq.remoting.invoke.PendingRequests;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What a server and a client have in common: processors for received requests, hooks, requests
 * waiting for responses, connection events and the executors the endpoint owns. Both sides of a
 * connection can send requests, so both have all of it.
 *
 * <p>Thread-safe.
 */
public final class Endpoint {

  private final ProcessorRegistry registry = new ProcessorRegistry();
  private final HookChain hooks = new HookChain();
  private final PendingRequests pending = new PendingRequests();
  private final ChannelInvoker invoker;
  private final ChannelEvents events;
  private final CommandHandler handler;
  private final List<ExecutorService> ownedExecutors = new CopyOnWriteArrayList<>();

  /**
   * @param pauseReadsWhileUnwritable see {@link CommandHandler}; servers pass {@code true}
   */
  public Endpoint(String name, ChannelEventListener listener, int maxOutstandingAsync,
      int maxOutstandingOneway, boolean pauseReadsWhileUnwritable) {
    this.invoker = new ChannelInvoker(pending, hooks, maxOutstandingAsync, maxOutstandingOneway);
    this.events = new ChannelEvents(listener, name + "-events");
    this.handler = new CommandHandler(new RequestDispatcher(registry, hooks), invoker, pending,
        events, pauseReadsWhileUnwritable);
  }

  public ProcessorRegistry registry() {
    return registry;
  }

  public HookChain hooks() {
    return hooks;
  }

  public ChannelInvoker invoker() {
    return invoker;
  }

  public PendingRequests pending() {
    return pending;
  }

  public CommandHandler handler() {
    return handler;
  }

  /** A bounded processor executor that this endpoint shuts down with itself. */
  public ThreadPoolExecutor newOwnedExecutor(String name, int threads, int queueCapacity) {
    ThreadPoolExecutor executor = ProcessorExecutors.bounded(name, threads, queueCapacity);
    ownedExecutors.add(executor);
    return executor;
  }

  /**
   * Lets owned executors finish the requests they hold (up to {@code timeoutMillis} in total),
   * interrupts what still runs, then stops event delivery.
   */
  public void shutdownExecutors(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (ExecutorService executor : ownedExecutors) {
      executor.shutdown();
    }
    for (ExecutorService executor : ownedExecutors) {
      long left = deadline - System.nanoTime();
      if (!executor.awaitTermination(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
        executor.shutdownNow();
      }
    }
  }

  /** Stops connection-event delivery after delivering what is queued. */
  public void shutdownEvents(long timeoutMillis) throws InterruptedException {
    events.shutdown(timeoutMillis);
  }
}
