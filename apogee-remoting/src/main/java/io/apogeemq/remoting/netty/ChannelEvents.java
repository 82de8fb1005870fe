package io.apogeemq.remoting.netty;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import io.apogeemq.remoting.dispatch.ChannelEventListener;
import io.netty.channel.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers connection events to a {@link ChannelEventListener} in order on one owned thread, so a
 * listener never runs on (or blocks) an I/O thread. Holds at most 10,000 undelivered events; beyond
 * that an event is dropped with a warning. Without a listener, events cost nothing.
 *
 * <p>Thread-safe; {@link #shutdown} delivers what is queued and stops the thread.
 */
public final class ChannelEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelEvents.class);

  private final ChannelEventListener listener;
  private final ThreadPoolExecutor thread;

  public ChannelEvents(ChannelEventListener listener, String threadName) {
    this.listener = listener;
    this.thread = listener == null ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(10_000), new NamedThreadFactory(threadName));
  }

  public void connected(Channel channel) {
    fire("connect", channel, () -> listener.onConnect(PeerAddress.of(channel), channel));
  }

  public void closed(Channel channel) {
    fire("close", channel, () -> listener.onClose(PeerAddress.of(channel), channel));
  }

  public void idle(Channel channel) {
    fire("idle", channel, () -> listener.onIdle(PeerAddress.of(channel), channel));
  }

  public void exception(Channel channel, Throwable cause) {
    fire("exception", channel, () -> listener.onException(PeerAddress.of(channel), channel, cause));
  }

  private void fire(String event, Channel channel, Runnable delivery) {
    if (listener == null) {
      return;
    }
    try {
      thread.execute(() -> {
        try {
          delivery.run();
        } catch (RuntimeException e) {
          LOG.warn("channel event listener failed on {} of {}", event, PeerAddress.of(channel), e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.warn("channel event {} of {} dropped: event queue full or shut down", event,
          PeerAddress.of(channel));
    }
  }

  /** Delivers queued events (waiting up to {@code timeoutMillis}) and stops the thread. */
  public void shutdown(long timeoutMillis) throws InterruptedException {
    if (thread != null) {
      thread.shutdown();
      if (!thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
      }
    }
  }
}
