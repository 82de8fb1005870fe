package io.apogeemq.remoting.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Small-request round trips over loopback: N caller threads each do sync calls back to back.
 * Apogee server+client and the official rocketmq-remoting server+client run in the same JVM, in
 * alternating rounds (the order flips every round), each round on a fresh server and client with its
 * own warm-up. Reports requests per second and p50/p99/p99.9 latency per round and overall, and
 * the Apogee/official ratios.
 *
 * <p>Settings (system properties): {@code bench.window} (0 = sync calls; n = async calls with n
 * outstanding per caller), {@code bench.threads} (32), {@code bench.rounds} (3),
 * {@code bench.jitWarmupSeconds} (5, once per stack before all rounds, discarded),
 * {@code bench.warmupSeconds} (5, per round), {@code bench.seconds} (10). Not part of any test run; see
 * docs/benchmarks-remoting.md for the command.
 */
public final class RoundTripBenchmark {

  private record Result(String stack, long requests, double seconds, Histogram latency) {
    double rate() {
      return requests / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int threads = Integer.getInteger("bench.threads", 32);
    int rounds = Integer.getInteger("bench.rounds", 3);
    int warmup = Integer.getInteger("bench.warmupSeconds", 5);
    int seconds = Integer.getInteger("bench.seconds", 10);
    window = Integer.getInteger("bench.window", 0);
    System.out.printf("round trips (%s): %d caller threads, %d rounds, %d s warm-up + %d s "
        + "measured, %d cpus, java %s%n", window == 0 ? "sync" : "async, window " + window
        + " per caller", threads, rounds, warmup, seconds,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    Map<String, Supplier<Stack>> stacks = new LinkedHashMap<>();
    stacks.put("apogee(direct)", () -> new ApogeeStack(true));
    stacks.put("official", OfficialStack::new);
    stacks.put("apogee(executor)", () -> new ApogeeStack(false));
    int jitWarmup = Integer.getInteger("bench.jitWarmupSeconds", 5);
    for (Map.Entry<String, Supplier<Stack>> entry : stacks.entrySet()) {
      try (Stack stack = entry.getValue().get()) {
        run(stack, threads, jitWarmup); // JIT and class loading for every stack, discarded
      }
    }
    Map<String, List<Result>> results = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      List<String> order = new ArrayList<>(stacks.keySet());
      if (round % 2 == 0) {
        java.util.Collections.reverse(order);
      }
      for (String name : order) {
        try (Stack stack = stacks.get(name).get()) {
          run(stack, threads, warmup);
          Result result = run(stack, threads, seconds);
          results.computeIfAbsent(name, k -> new ArrayList<>()).add(result);
          System.out.printf("round %d %-17s %,10.0f req/s  p50 %7.1f us  p99 %8.1f us  "
              + "p99.9 %8.1f us%n", round, name, result.rate(), micros(result.latency, 50),
              micros(result.latency, 99), micros(result.latency, 99.9));
        }
        System.gc();
      }
    }
    System.out.println();
    System.out.println("| stack | req/s (median of rounds) | p50 us | p99 us | p99.9 us |");
    System.out.println("|---|---:|---:|---:|---:|");
    Map<String, double[]> summary = new LinkedHashMap<>();
    for (Map.Entry<String, List<Result>> entry : results.entrySet()) {
      Histogram all = new Histogram(3);
      List<Double> rates = new ArrayList<>();
      for (Result result : entry.getValue()) {
        all.add(result.latency);
        rates.add(result.rate());
      }
      rates.sort(null);
      double median = rates.get(rates.size() / 2);
      summary.put(entry.getKey(), new double[] {median, micros(all, 99)});
      System.out.printf("| %s | %,.0f | %.1f | %.1f | %.1f |%n", entry.getKey(), median,
          micros(all, 50), micros(all, 99), micros(all, 99.9));
    }
    double[] official = summary.get("official");
    for (Map.Entry<String, double[]> entry : summary.entrySet()) {
      if (!entry.getKey().equals("official")) {
        System.out.printf("%s / official: throughput x%.2f, p99 x%.2f%n", entry.getKey(),
            entry.getValue()[0] / official[0], entry.getValue()[1] / official[1]);
      }
    }
    System.exit(0);
  }

  /** 0: sync calls; otherwise async calls with this many outstanding per caller thread. */
  private static int window;

  private static double micros(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1_000.0;
  }

  private static Result run(Stack stack, int threads, int seconds) throws Exception {
    Recorder recorder = new Recorder(3);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    AtomicLong asyncCount = new AtomicLong();
    java.util.concurrent.Semaphore permits =
        new java.util.concurrent.Semaphore(Math.max(1, window * threads));
    stack.call();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      Thread caller = new Thread(() -> {
        long local = 0;
        try {
          while (!stop.get()) {
            long begin = System.nanoTime();
            if (window > 0) {
              permits.acquireUninterruptibly();
              stack.callAsync(failure -> {
                permits.release();
                if (failure == null) {
                  recorder.recordValue(System.nanoTime() - begin);
                  asyncCount.incrementAndGet();
                } else {
                  failures.incrementAndGet();
                }
              });
              continue;
            }
            try {
              stack.call();
              recorder.recordValue(System.nanoTime() - begin);
              local++;
            } catch (Exception e) {
              failures.incrementAndGet();
            }
          }
        } finally {
          count.addAndGet(local);
          done.countDown();
        }
      }, "bench-caller-" + i);
      caller.setDaemon(true);
      caller.start();
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    stop.set(true);
    done.await(30, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long completed = count.get() + asyncCount.get();
    if (window > 0) {
      permits.tryAcquire(window * threads, 10, TimeUnit.SECONDS); // let stragglers finish
    }
    if (failures.get() > 0) {
      System.out.printf("  %s: %d failed calls%n", stack.name(), failures.get());
    }
    return new Result(stack.name(), completed, elapsed, recorder.getIntervalHistogram());
  }
}
