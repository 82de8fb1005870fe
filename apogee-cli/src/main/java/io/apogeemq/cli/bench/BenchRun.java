package io.apogeemq.cli.bench;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.client.admin.Admin;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link BenchOptions} scenario against a NameServer with the Apogee client and returns
 * its {@link BenchSummary}; progress lines go to {@code progress} once per report interval.
 *
 * <ul>
 *   <li>producer: {@link ProducerLoad} for the duration (or count);
 *   <li>consumer: a push consumer from the first offset until {@code count} messages arrived or the
 *       duration is over;
 *   <li>e2e: the consumer first, then the producers; after they stop, up to 10 s more for the
 *       consumer to catch up with what was sent.
 * </ul>
 *
 * With {@code queues > 0} (and always for e2e, when the topic has no route) the topic is created
 * first. Compression is off, so the body size on the wire is the configured size.
 * Not thread-safe: one run per instance.
 */
public final class BenchRun {

  private static final Duration CATCH_UP = Duration.ofSeconds(10);

  private final BenchOptions options;
  private final PrintWriter progress;

  public BenchRun(BenchOptions options, PrintWriter progress) {
    this.options = options;
    this.progress = progress;
  }

  public BenchSummary run() throws InterruptedException {
    ClientConfig config = ClientConfig.builder().namesrv(options.namesrv())
        .instanceName("apogee-bench-" + ProcessHandle.current().pid()).build();
    try (ApogeeClient client = ApogeeClient.start(config)) {
      prepareTopic(client);
      return switch (options.scenario()) {
        case PRODUCER -> produce(client);
        case CONSUMER -> consume(client);
        case E2E -> endToEnd(client);
      };
    }
  }

  private void prepareTopic(ApogeeClient client) throws InterruptedException {
    Admin admin = client.admin();
    // fails fast with the NameServer named when it cannot be reached, before any load starts
    if (admin.clusterInfo().masters().isEmpty()) {
      throw new IllegalStateException("NameServer " + options.namesrv() + " knows no broker master");
    }
    boolean missing = options.scenario() == Scenario.E2E && admin.queues(options.topic()).isEmpty();
    if (options.queues() > 0 || missing) {
      int queues = options.queues() > 0 ? options.queues() : 4;
      admin.createTopic(options.topic(), queues);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (admin.queues(options.topic()).size() < queues) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("topic '" + options.topic() + "' was created but its "
              + "route did not reach NameServer " + options.namesrv() + " within 15 s");
        }
        Thread.sleep(100);
      }
    }
  }

  private Producer producer(ApogeeClient client) {
    return client.producer(ProducerConfig.defaults("apogee-bench-producer")
        .withCompressOverBytes(Integer.MAX_VALUE));
  }

  private BenchSummary produce(ApogeeClient client) throws InterruptedException {
    LatencyStats send = new LatencyStats();
    try (Producer producer = producer(client)) {
      ProducerLoad load = new ProducerLoad(producer, options, send, null, false);
      long t0 = System.nanoTime();
      try (ProgressReporter r = new ProgressReporter(send, null, progress, options.reportInterval())) {
        load.start();
        load.awaitDone();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      send.interval();
      return summary(seconds, BenchSummary.Side.of(send, seconds, options.size()), null);
    }
  }

  private BenchSummary consume(ApogeeClient client) throws InterruptedException {
    LatencyStats recv = new LatencyStats();
    long t0 = System.nanoTime();
    long deadline = t0 + options.duration().toNanos();
    double seconds;
    double first;
    try (ProgressReporter r = new ProgressReporter(null, recv, progress, options.reportInterval());
        ConsumerLoad consumer = new ConsumerLoad(client, options, recv, null)) {
      consumer.awaitCount(options.count() == 0 ? Long.MAX_VALUE : options.count(), deadline);
      seconds = (System.nanoTime() - t0) / 1e9;
      first = consumer.firstDeliverySeconds();
    }
    recv.interval();
    return summary(seconds, null,
        BenchSummary.Side.consumer(recv, seconds, options.size(), first));
  }

  private BenchSummary endToEnd(ApogeeClient client) throws InterruptedException {
    LatencyStats send = new LatencyStats();
    LatencyStats recv = new LatencyStats();
    String runId = UUID.randomUUID().toString();
    long t0;
    try (Producer producer = producer(client);
        ProgressReporter r = new ProgressReporter(send, recv, progress, options.reportInterval());
        ConsumerLoad consumer = new ConsumerLoad(client, options, recv, runId)) {
      long w0 = System.nanoTime();
      if (!consumer.awaitAssignment(options.topic(), w0 + TimeUnit.SECONDS.toNanos(30))) {
        throw new IllegalStateException("the bench consumer got no queue of topic '"
            + options.topic() + "' within 30 s");
      }
      progress.printf("consumer owns its queues after %d ms; sending%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - w0));
      ProducerLoad load = new ProducerLoad(producer, options, send, runId, true);
      t0 = System.nanoTime();
      load.start();
      load.awaitDone();
      long c0 = System.nanoTime();
      consumer.awaitCount(send.messages(), c0 + CATCH_UP.toNanos());
      progress.printf("producers done; consumer caught up after %d ms more%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c0));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    send.interval();
    recv.interval();
    return summary(seconds, BenchSummary.Side.of(send, seconds, options.size()),
        BenchSummary.Side.of(recv, seconds, options.size()));
  }

  private BenchSummary summary(double seconds, BenchSummary.Side send, BenchSummary.Side consume) {
    boolean sends = options.scenario() != Scenario.CONSUMER;
    return new BenchSummary(options.scenario().name().toLowerCase(),
        sends ? options.mode().name().toLowerCase() : null, options.namesrv(), options.topic(),
        options.threads(), options.size(),
        sends && options.mode() == SendMode.BATCH ? options.batch() : null,
        Math.round(seconds * 1000) / 1000.0, send, consume);
  }
}
