package io.apogeemq.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

/**
 * The final result of an {@code apogee bench} run, printed as JSON. {@code send} is absent for the
 * consumer scenario and {@code consume} for the producer scenario.
 *
 * @param elapsedSeconds wall time from the first send (or the consumer start) to the end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchSummary(String scenario, String mode, String namesrv, String topic, int threads,
    int messageSize, Integer batch, double elapsedSeconds, Side send, Side consume) {

  /**
   * One side of the run.
   *
   * @param messages messages that succeeded (sent with an answer, or consumed)
   * @param errors messages whose send failed
   * @param messagesPerSecond {@code messages / elapsedSeconds}
   * @param megabytesPerSecond body bytes per second (MiB)
   * @param latencyMs latency percentiles in milliseconds, absent when no sample was taken
   * @param firstError the first failure, if any
   * @param firstDeliverySeconds consumer only: from the consumer's start to its first message
   *     (route, rebalance, first pull)
   * @param drainMessagesPerSecond consumer only: messages per second after the first delivery
   *     (the backlog consumption rate without the start-up)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Side(long messages, long errors, double messagesPerSecond,
      double megabytesPerSecond, Latency latencyMs, String firstError,
      Double firstDeliverySeconds, Double drainMessagesPerSecond) {

    static Side of(LatencyStats stats, double seconds, int messageSize) {
      Histogram h = stats.total();
      double rate = seconds > 0 ? stats.messages() / seconds : 0;
      return new Side(stats.messages(), stats.errors(), round(rate),
          round(rate * messageSize / (1024.0 * 1024.0)),
          h.getTotalCount() == 0 ? null : Latency.of(h), stats.firstError(), null, null);
    }

    /** The consumer's side, with its start-up separated from its drain rate. */
    static Side consumer(LatencyStats stats, double seconds, int messageSize, double first) {
      Side s = of(stats, seconds, messageSize);
      if (first < 0) {
        return s;
      }
      double drain = seconds > first ? stats.messages() / (seconds - first) : 0;
      return new Side(s.messages(), s.errors(), s.messagesPerSecond(), s.megabytesPerSecond(),
          s.latencyMs(), s.firstError(), Math.round(first * 1000) / 1000.0, round(drain));
    }
  }

  /** Latency percentiles in milliseconds over {@code samples} timed calls. */
  public record Latency(long samples, double mean, double p50, double p90, double p99,
      double p999, double max) {

    static Latency of(Histogram micros) {
      return new Latency(micros.getTotalCount(), ms(micros.getMean()),
          ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
          ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
          ms(micros.getMaxValue()));
    }

    private static double ms(double micros) {
      return Math.round(micros) / 1000.0;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the bench summary as JSON", e);
    }
  }

  public static BenchSummary fromJson(String json) throws JsonProcessingException {
    return JSON.readValue(json, BenchSummary.class);
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
