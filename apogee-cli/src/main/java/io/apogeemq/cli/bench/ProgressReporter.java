package io.apogeemq.cli.bench;

import io.apogeemq.common.lifecycle.NamedThreadFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a {@link ProgressLine} every interval on its own thread ({@code apogee-bench-progress-1})
 * until {@link #close()}. It owns the interval snapshots of the stats while it runs; after close
 * the caller may take the last one. Either stats may be {@code null} (a side the scenario lacks).
 */
final class ProgressReporter implements AutoCloseable {

  private final LatencyStats send;
  private final LatencyStats recv;
  private final PrintWriter out;
  private final long startNanos;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("apogee-bench-progress", true));
  private long lastNanos;

  ProgressReporter(LatencyStats send, LatencyStats recv, PrintWriter out, Duration interval) {
    this.send = send;
    this.recv = recv;
    this.out = out;
    this.startNanos = System.nanoTime();
    this.lastNanos = startNanos;
    long ms = interval.toMillis();
    timer.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void report() {
    long now = System.nanoTime();
    double interval = (now - lastNanos) / 1e9;
    lastNanos = now;
    out.println(ProgressLine.format((now - startNanos) / 1e9, interval,
        send == null ? null : send.interval(), recv == null ? null : recv.interval(),
        send == null ? 0 : send.messages(), recv == null ? 0 : recv.messages()));
    out.flush();
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the bench progress thread did not stop");
    }
  }
}
