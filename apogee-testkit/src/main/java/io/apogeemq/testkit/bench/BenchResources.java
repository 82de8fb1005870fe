package io.apogeemq.testkit.bench;

import io.apogeemq.testkit.TempDirs;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a benchmark starts — systems under test, their clients — and the work directory they
 * use. {@link #close()} stops them in the reverse order of {@link #own} (clients before the
 * servers they talk to), keeps going past a failure, then deletes the directory. Not thread-safe;
 * one benchmark's main thread uses it.
 */
public final class BenchResources implements AutoCloseable {

  /** How to stop one owned resource. */
  @FunctionalInterface
  public interface Stop<T> {
    void stop(T resource) throws Exception;
  }

  private final Path dir;
  private final Deque<Runnable> stops = new ArrayDeque<>();
  private final Deque<Exception> failures = new ArrayDeque<>();

  private BenchResources(Path dir) {
    this.dir = dir;
  }

  /** Resources under a new temporary directory {@code apogee-<prefix>-...}. */
  public static BenchResources inTempDir(String prefix) {
    return new BenchResources(TempDirs.create(prefix));
  }

  /** The work directory, deleted by {@link #close()}. */
  public Path dir() {
    return dir;
  }

  /** Takes {@code resource} over: {@link #close()} stops it with {@code stop}. */
  public <T> T own(T resource, Stop<? super T> stop) {
    stops.push(() -> {
      try {
        stop.stop(resource);
      } catch (Exception e) {
        failures.add(e);
      }
    });
    return resource;
  }

  /** Takes an {@link AutoCloseable} over. */
  public <T extends AutoCloseable> T own(T resource) {
    return own(resource, AutoCloseable::close);
  }

  /**
   * Stops everything owned, newest first, then deletes the directory; the first failure is thrown
   * after all that, with the others suppressed.
   */
  @Override
  public void close() throws Exception {
    while (!stops.isEmpty()) {
      stops.pop().run();
    }
    try {
      TempDirs.delete(dir);
    } catch (Exception e) {
      failures.add(e);
    }
    Exception first = failures.poll();
    if (first != null) {
      failures.forEach(first::addSuppressed);
      failures.clear();
      throw first;
    }
  }
}
