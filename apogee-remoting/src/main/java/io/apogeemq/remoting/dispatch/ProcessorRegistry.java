package io.apogeemq.remoting.dispatch;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Which processor, on which executor, handles each request code.
 *
 * <p>Thread-safe. Lookups read an immutable snapshot without locking; registrations (rare, usually
 * at start-up) copy it. Registering a code again replaces its processor.
 */
public final class ProcessorRegistry {

  /** A processor and the executor it runs on ({@code null}: directly on the I/O thread). */
  public record Registration(RequestProcessor processor, Executor executor) {
    public Registration {
      Objects.requireNonNull(processor, "processor");
    }
  }

  private volatile IntObjectMap<Registration> byCode = new IntObjectHashMap<>();
  private volatile Registration fallback;

  /** Registers {@code processor} for {@code code}; a {@code null} executor runs it on I/O threads. */
  public synchronized void register(int code, RequestProcessor processor, Executor executor) {
    IntObjectMap<Registration> copy = new IntObjectHashMap<>(byCode.size() + 1);
    copy.putAll(byCode);
    copy.put(code, new Registration(processor, executor));
    byCode = copy;
  }

  /** Registers the processor for every code that has no processor of its own. */
  public void registerDefault(RequestProcessor processor, Executor executor) {
    fallback = new Registration(processor, executor);
  }

  /** The registration for {@code code}, the default one, or {@code null}. */
  public Registration lookup(int code) {
    Registration registration = byCode.get(code);
    return registration != null ? registration : fallback;
  }
}
