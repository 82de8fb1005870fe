package io.apogeemq.testkit.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario of a side-by-side benchmark once per round, in the given order, for a number
 * of rounds — so Apogee and the official implementation take turns and see the same machine load —
 * and keeps each scenario's results in round order. Not thread-safe; one benchmark's main thread
 * uses it.
 *
 * @param <S> a scenario (e.g. a broker, or a broker and a mode)
 * @param <R> what one round of a scenario measures
 */
public final class AlternatingRounds<S, R> {

  /** Measures one scenario once. */
  @FunctionalInterface
  public interface Round<S, R> {
    R run(S scenario) throws Exception;
  }

  /** Told of each result as soon as it is measured (round numbers start at 1). */
  @FunctionalInterface
  public interface Progress<S, R> {
    void measured(int round, S scenario, R result);
  }

  private final List<S> scenarios;
  private final Map<S, List<R>> results = new LinkedHashMap<>();

  public AlternatingRounds(List<S> scenarios) {
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("no scenarios");
    }
    this.scenarios = List.copyOf(scenarios);
    this.scenarios.forEach(s -> results.put(s, new ArrayList<>()));
  }

  /** Runs {@code rounds} rounds; the first failure ends the benchmark. */
  public AlternatingRounds<S, R> run(int rounds, Round<S, R> round, Progress<S, R> progress)
      throws Exception {
    for (int r = 1; r <= rounds; r++) {
      for (S s : scenarios) {
        R result = round.run(s);
        results.get(s).add(result);
        progress.measured(r, s, result);
      }
    }
    return this;
  }

  /** The scenario's results in round order. */
  public List<R> results(S scenario) {
    return List.copyOf(results.get(scenario));
  }

  /** The scenario's median result by {@code order} (the upper one of an even count). */
  public R median(S scenario, Comparator<? super R> order) {
    List<R> sorted = new ArrayList<>(results.get(scenario));
    if (sorted.isEmpty()) {
      throw new IllegalStateException("no results for " + scenario);
    }
    sorted.sort(order);
    return sorted.get(sorted.size() / 2);
  }
}
