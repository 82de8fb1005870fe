package io.apogeemq.cli.bench;

import java.time.Duration;

/**
 * The settings of one {@code apogee bench} run.
 *
 * @param scenario what to measure
 * @param namesrv NameServer address list ({@code host:port;host:port})
 * @param topic topic to send to / consume from
 * @param queues when &gt; 0, the topic is created with this many queues on every master first;
 *     0 leaves it to auto-creation (or an existing topic)
 * @param mode how producers send
 * @param threads producer threads
 * @param size body size in bytes
 * @param batch messages per {@code sendBatch} call in {@link SendMode#BATCH}
 * @param inflight unanswered async sends per thread in {@link SendMode#ASYNC}
 * @param duration how long to run (producers stop sending, consumers stop waiting)
 * @param count total messages to send (producer, e2e) or receive (consumer); 0 = no limit
 * @param group consumer group
 * @param reportInterval period of the progress line
 */
public record BenchOptions(Scenario scenario, String namesrv, String topic, int queues,
    SendMode mode, int threads, int size, int batch, int inflight, Duration duration, long count,
    String group, Duration reportInterval) {

  public BenchOptions {
    require(threads >= 1 && threads <= 1024, "threads must be 1..1024, was " + threads);
    require(size >= 1 && size <= 4 << 20, "message size must be 1..4194304 bytes, was " + size);
    require(batch >= 1 && batch <= 1024, "batch must be 1..1024, was " + batch);
    require(inflight >= 1 && inflight <= 65536, "inflight must be 1..65536, was " + inflight);
    require(queues >= 0 && queues <= 1024, "queues must be 0..1024, was " + queues);
    require(count >= 0, "count must be >= 0, was " + count);
    require(!duration.isNegative() && !duration.isZero(), "duration must be > 0, was " + duration);
    require(!reportInterval.isNegative() && !reportInterval.isZero(), "report interval must be > 0");
    require(topic != null && !topic.isBlank(), "topic is required");
    require(namesrv != null && !namesrv.isBlank(), "NameServer address is required (-n or NAMESRV_ADDR)");
    require(!(scenario == Scenario.E2E && size < Long.BYTES),
        "e2e needs a message size of at least 8 bytes (the send time travels in the body)");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
