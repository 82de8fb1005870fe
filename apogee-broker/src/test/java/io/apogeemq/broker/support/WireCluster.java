package io.apogeemq.broker.support;

import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import java.util.Properties;

/**
 * A {@link LocalCluster} and a started raw {@link RemotingClient} aimed at its broker, for the
 * tests that send hand-built requests (bad input, wire-level answers). {@link #close()} stops
 * both. Thread-safe as far as {@code RemotingClient} is.
 */
public final class WireCluster implements AutoCloseable {

  private static final long TIMEOUT_MILLIS = 10_000;

  private final LocalCluster cluster;
  private final RemotingClient client;
  private final String addr;

  /**
   * @param clientName names the client's threads
   * @param brokerOverrides broker.conf keys for the broker
   */
  public WireCluster(String clientName, Properties brokerOverrides) throws Exception {
    cluster = new LocalCluster(brokerOverrides);
    try {
      client = new RemotingClient(clientName, RemotingClientConfig.defaults(), null);
      client.start();
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
    addr = cluster.broker().endpoint().addr();
  }

  public LocalCluster cluster() {
    return cluster;
  }

  /** The broker's {@code host:port}. */
  public String addr() {
    return addr;
  }

  /** Sends {@code request} to the broker and waits (at most 10 s) for its response. */
  public RemotingCommand call(RemotingCommand request) throws Exception {
    return client.invokeSync(addr, request, TIMEOUT_MILLIS);
  }

  /** Sends {@code request} (marked oneway by the caller) without waiting for an answer. */
  public void oneway(RemotingCommand request) throws Exception {
    client.invokeOneway(addr, request, TIMEOUT_MILLIS);
  }

  @Override
  public void close() throws Exception {
    try {
      client.shutdown();
    } finally {
      cluster.close();
    }
  }
}
