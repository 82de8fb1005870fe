package io.apogeemq.testkit;

/**
 * The cluster a client test talks to: a NameServer address plus control over the one broker behind
 * it. Client integration tests are written against this interface only, so the same tests run
 * against the official Apache RocketMQ servers and against Apogee's NameServer and broker.
 *
 * <p>Implementations are started once per test class (startup takes seconds) and are thread-safe.
 */
public interface TargetCluster extends AutoCloseable {

  /** {@code 127.0.0.1:port} of the NameServer, as a client's {@code namesrvAddr}. */
  String namesrvAddress();

  /** {@code 127.0.0.1:port} of the broker's main listen port. */
  String brokerAddress();

  /** The broker name the broker registers under (e.g. {@code broker-a}). */
  String brokerName();

  /** The cluster name the broker registers under. */
  String clusterName();

  /** A short label for logs and test names, e.g. {@code official-5.3.3}. */
  String label();

  /**
   * Why this cluster cannot serve {@code feature}, or {@code null} when it can. The reason names
   * where the feature is being built, so a skipped test says what enables it.
   */
  default String lacks(Feature feature) {
    return null;
  }

  /** Stops the broker gracefully; its store is kept. Returns once the process has exited. */
  void stopBroker() throws Exception;

  /** Kills the broker at once (no goodbye); its store is kept. */
  void killBroker() throws Exception;

  /**
   * Starts the broker again on the same ports with the same store, and returns once the
   * NameServer lists it.
   */
  void startBroker() throws Exception;

  /** Stops the NameServer (the broker keeps running and keeps trying to register). */
  default void stopNamesrv() throws Exception {
    throw new UnsupportedOperationException(label() + " cannot stop its NameServer");
  }

  /**
   * Starts the NameServer again on the same port and returns once the broker registered with it
   * again (brokers re-register periodically, so this can take up to their registration period).
   */
  default void startNamesrv() throws Exception {
    throw new UnsupportedOperationException(label() + " cannot start its NameServer");
  }

  /** Stops and starts the broker; see {@link #stopBroker()} and {@link #startBroker()}. */
  default void restartBroker() throws Exception {
    stopBroker();
    startBroker();
  }

  /** Stops everything and deletes the temporary directories. */
  @Override
  void close() throws Exception;
}
