package io.apogeemq.remoting.bench;

/** One client+server pair under benchmark; {@link #call()} performs one small sync round trip. */
interface Stack extends AutoCloseable {

  String name();

  /** One request/response round trip; throws if the answer is not SUCCESS. */
  void call() throws Exception;

  /** Starts one round trip; {@code done} runs with {@code null} on success or the failure. */
  void callAsync(java.util.function.Consumer<Throwable> done);

  @Override
  void close();
}
