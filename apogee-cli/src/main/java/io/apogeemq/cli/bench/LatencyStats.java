package io.apogeemq.cli.bench;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of one side of a run (sending or consuming).
 *
 * <p>Any thread records ({@link #success}, {@link #error}); the latency goes into an HdrHistogram
 * {@link Recorder} in microseconds (3 significant digits), so recording is wait-free. One thread
 * at a time takes {@link #interval()} snapshots (the progress reporter, then the final summary):
 * each snapshot holds what was recorded since the previous one and is also added to the run's total
 * histogram. {@code interval()} and {@link #total()} are synchronized for that hand-over.
 */
public final class LatencyStats {

  /** What happened between two snapshots. */
  public record Interval(long messages, long errors, Histogram latencyMicros) {}

  private final Recorder recorder = new Recorder(3);
  private final Histogram total = new Histogram(3);
  private final LongAdder messages = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private long messagesTaken;
  private long errorsTaken;
  private Histogram recycled;

  /** {@code count} messages succeeded in one call that took {@code micros}. */
  public void success(int count, long micros) {
    recorder.recordValue(Math.max(0, micros));
    messages.add(count);
  }

  /** {@code count} messages counted without a latency sample (e.g. an unmarked delivery). */
  public void countOnly(int count) {
    messages.add(count);
  }

  /** {@code count} messages failed; the first failure's description is kept for the summary. */
  public void error(int count, Throwable cause) {
    errors.add(count);
    if (firstError.get() == null) {
      firstError.compareAndSet(null, describe(cause));
    }
  }

  public long messages() {
    return messages.sum();
  }

  public long errors() {
    return errors.sum();
  }

  /** The first failure ({@code Class: message}), or {@code null}. */
  public String firstError() {
    return firstError.get();
  }

  /** What was recorded since the previous call; adds it to the total. */
  public synchronized Interval interval() {
    Histogram h = recorder.getIntervalHistogram(recycled);
    total.add(h);
    long m = messages.sum();
    long e = errors.sum();
    Interval out = new Interval(m - messagesTaken, e - errorsTaken, h.copy());
    messagesTaken = m;
    errorsTaken = e;
    recycled = h;
    return out;
  }

  /** A copy of every latency taken into an interval so far. */
  public synchronized Histogram total() {
    return total.copy();
  }

  private static String describe(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getMessage() == null) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }
}
