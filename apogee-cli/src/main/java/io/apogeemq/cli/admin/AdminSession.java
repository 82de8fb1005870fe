package io.apogeemq.cli.admin;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.client.admin.Admin;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The client one admin command uses: opened for the command, closed after it (connections and
 * client threads end with it). Not thread-safe; one command, one thread.
 */
public final class AdminSession implements AutoCloseable {

  private final ApogeeClient client;
  private final Admin admin;

  private AdminSession(ApogeeClient client) {
    this.client = client;
    this.admin = client.admin();
  }

  static AdminSession open(List<String> namesrvs, long timeoutMillis) {
    ClientConfig config = ClientConfig.builder().namesrv(String.join(";", namesrvs))
        .requestTimeout(Duration.ofMillis(timeoutMillis))
        .instanceName("apogee-admin-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
        .ioThreads(1).build();
    return new AdminSession(ApogeeClient.start(config));
  }

  public ApogeeClient client() {
    return client;
  }

  public Admin admin() {
    return admin;
  }

  /**
   * The broker addresses a command acts on: {@code brokerAddr} when given, else the masters of
   * {@code cluster}.
   *
   * @throws IllegalArgumentException when neither or both are given
   */
  public Set<String> brokers(String brokerAddr, String cluster) {
    if ((brokerAddr == null) == (cluster == null)) {
      throw new IllegalArgumentException("give exactly one of -b <broker address> and "
          + "-c <cluster name>");
    }
    if (brokerAddr != null) {
      return new TreeSet<>(Set.of(brokerAddr));
    }
    return admin.mastersOf(cluster);
  }

  @Override
  public void close() {
    client.close();
  }
}
