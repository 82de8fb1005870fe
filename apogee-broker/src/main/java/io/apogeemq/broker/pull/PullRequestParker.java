package io.apogeemq.broker.pull;

import io.apogeemq.store.dispatch.MessageArrivalListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Holds long-polling pulls per topic-queue until there is something to answer them with.
 *
 * <p>A parked pull is handed to the {@code waker} (which re-runs it and writes the response) exactly
 * once, on the first of:
 * <ul>
 *   <li>{@link #arrived}: the store dispatched a message to its queue at or after its offset, and
 *       the message's tag code passes its filter;</li>
 *   <li>{@link #check}: the queue's max offset is beyond the pull's offset (no filter check), or
 *       its deadline passed, or its connection is gone (then it is dropped without waking);</li>
 *   <li>{@link #park} itself, when the queue grew between the pull's read and its parking (so a
 *       message that arrived in that gap does not wait for the next check);</li>
 *   <li>{@link #drain}: at shutdown.</li>
 * </ul>
 *
 * <p>Thread-safety: {@link #arrived} runs on the store's dispatch thread, {@link #check} on the hold
 * thread and {@link #park} on pull threads. Each queue's list is guarded by its own monitor, held
 * only to move entries in or out; the waker is always called outside of it.
 */
public final class PullRequestParker implements MessageArrivalListener {

  /** The current max offset of a queue, read from the store. */
  @FunctionalInterface
  public interface MaxOffsets {
    long maxOffset(String topic, int queueId);
  }

  private final Map<QueueKey, List<ParkedPull>> parked = new ConcurrentHashMap<>();
  private final MaxOffsets maxOffsets;
  private final Consumer<ParkedPull> waker;
  private final Clock clock;

  public PullRequestParker(MaxOffsets maxOffsets, Consumer<ParkedPull> waker, Clock clock) {
    this.maxOffsets = Objects.requireNonNull(maxOffsets, "maxOffsets");
    this.waker = Objects.requireNonNull(waker, "waker");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Holds {@code pull} (or wakes it at once if its queue already grew). */
  public void park(ParkedPull pull) {
    QueueKey key = new QueueKey(pull.topic(), pull.queueId());
    List<ParkedPull> list = parked.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (list) {
      list.add(pull);
    }
    if (maxOffsets.maxOffset(pull.topic(), pull.queueId()) > pull.offset()) {
      boolean mine;
      synchronized (list) {
        mine = list.remove(pull);
      }
      if (mine) {
        waker.accept(pull);
      }
    }
  }

  @Override
  public void arrived(String topic, int queueId, long nextQueueOffset, long tagsCode,
      long storeTimestamp) {
    List<ParkedPull> list = parked.get(new QueueKey(topic, queueId));
    if (list == null) {
      return;
    }
    long now = clock.millis();
    List<ParkedPull> wake = null;
    synchronized (list) {
      for (Iterator<ParkedPull> it = list.iterator(); it.hasNext(); ) {
        ParkedPull p = it.next();
        boolean matches = nextQueueOffset > p.offset() && p.filter().accept(tagsCode);
        if (matches || now >= p.deadlineMillis()) {
          it.remove();
          if (wake == null) {
            wake = new ArrayList<>(2);
          }
          wake.add(p);
        }
      }
    }
    if (wake != null) {
      wake.forEach(waker);
    }
  }

  /**
   * The periodic check: wakes pulls whose queue grew or whose deadline passed, drops pulls whose
   * connection closed. Returns how many were woken.
   */
  public int check() {
    long now = clock.millis();
    List<ParkedPull> wake = new ArrayList<>();
    for (Map.Entry<QueueKey, List<ParkedPull>> e : parked.entrySet()) {
      List<ParkedPull> list = e.getValue();
      long max = -1;
      synchronized (list) {
        if (list.isEmpty()) {
          continue;
        }
      }
      max = maxOffsets.maxOffset(e.getKey().topic(), e.getKey().queueId());
      synchronized (list) {
        for (Iterator<ParkedPull> it = list.iterator(); it.hasNext(); ) {
          ParkedPull p = it.next();
          if (!p.context().channel().isActive()) {
            it.remove();
          } else if (max > p.offset() || now >= p.deadlineMillis()) {
            it.remove();
            wake.add(p);
          }
        }
      }
    }
    wake.forEach(waker);
    return wake.size();
  }

  /** Removes and returns every parked pull (shutdown). */
  public List<ParkedPull> drain() {
    List<ParkedPull> all = new ArrayList<>();
    for (List<ParkedPull> list : parked.values()) {
      synchronized (list) {
        all.addAll(list);
        list.clear();
      }
    }
    return all;
  }

  /** How many pulls are held right now. */
  public int size() {
    int n = 0;
    for (List<ParkedPull> list : parked.values()) {
      synchronized (list) {
        n += list.size();
      }
    }
    return n;
  }

  private record QueueKey(String topic, int queueId) {}
}
