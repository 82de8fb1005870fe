package io.apogeemq.remoting.bench;

/** One client+server pair under benchmark; {@link #call()} performs one small sync round trip. */
interface Stack extends AutoCloseable {

  String name();

  /** One request/response round trip; throws if the answer is not SUCCESS. */
  void call() throws Exception;

  @Override
  void close();
}
