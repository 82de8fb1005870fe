package io.apogeemq.cli;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps the main thread alive until the JVM is asked to stop (SIGTERM, SIGINT, System.exit), and
 * then closes what was started, in the order given, from a named shutdown-hook thread.
 */
final class ProcessLifetime {

  private ProcessLifetime() {}

  /** Milliseconds since this JVM started. */
  static long sinceJvmStart() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  /** Blocks until shutdown; {@code resource} is closed by the shutdown hook. */
  static void runUntilShutdown(AutoCloseable resource) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("apogee: error during shutdown: " + e);
      } finally {
        done.countDown();
      }
    }, "apogee-shutdown"));
    done.await();
  }
}
