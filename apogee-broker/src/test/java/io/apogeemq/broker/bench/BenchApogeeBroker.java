package io.apogeemq.broker.bench;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.config.BrokerConfig;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The Apogee broker as a child JVM of {@link PullBenchmark}: {@code args[0]} is a broker.conf.
 * Stops cleanly on SIGTERM.
 */
public final class BenchApogeeBroker {

  private BenchApogeeBroker() {}

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
      p.load(r);
    }
    BrokerServer broker = BrokerServer.create(
        BrokerConfig.fromProperties(p, w -> System.err.println("WARN " + w)), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "bench-broker-shutdown"));
    broker.start();
    System.out.println("apogee broker started on " + broker.endpoint().addr());
    stopped.await();
  }
}
