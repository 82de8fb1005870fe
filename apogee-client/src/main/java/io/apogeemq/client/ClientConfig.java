package io.apogeemq.client;

import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Settings shared by every producer, consumer and admin created from one {@link ApogeeClient}.
 *
 * @param namesrvAddresses NameServer {@code host:port} list; from {@code rocketmq.namesrv.addr}
 *     (system property) or {@code NAMESRV_ADDR} (environment) when not given (config.md §4-5)
 * @param namespace prefix applied to topics and groups as {@code namespace%name}; empty for none
 * @param requestTimeout default timeout of one request to a NameServer or broker
 * @param instanceName distinguishes client instances in one process; part of the client id
 * @param clientIp address reported in the client id and as the born host
 * @param ioThreads Netty I/O threads of the shared connection pool
 * @param routeRefreshInterval how often routes of topics in use are re-read (official: 30 s)
 * @param heartbeatInterval how often heartbeats go to brokers (official: 30 s)
 * @param clock wall clock (born timestamps, fault windows); injectable for tests
 */
public record ClientConfig(List<String> namesrvAddresses, String namespace,
    Duration requestTimeout, String instanceName, String clientIp, int ioThreads,
    Duration routeRefreshInterval, Duration heartbeatInterval, Clock clock) {

  /** System property naming the NameServers; wins over the environment variable. */
  public static final String NAMESRV_PROPERTY = "rocketmq.namesrv.addr";
  /** Environment variable naming the NameServers. */
  public static final String NAMESRV_ENV = "NAMESRV_ADDR";

  public ClientConfig {
    namesrvAddresses = List.copyOf(namesrvAddresses);
    if (namesrvAddresses.isEmpty()) {
      throw new IllegalArgumentException("no NameServer address: set one in the builder, the "
          + "system property " + NAMESRV_PROPERTY + " or the environment variable " + NAMESRV_ENV);
    }
    for (String a : namesrvAddresses) {
      int colon = a.lastIndexOf(':');
      if (colon <= 0 || colon == a.length() - 1 || !a.substring(colon + 1).chars()
          .allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("NameServer address '" + a + "' is not host:port");
      }
    }
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(instanceName, "instanceName");
    Objects.requireNonNull(clientIp, "clientIp");
    Objects.requireNonNull(routeRefreshInterval, "routeRefreshInterval");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(clock, "clock");
    if (requestTimeout.toMillis() < 1 || ioThreads < 1 || routeRefreshInterval.toMillis() < 1
        || heartbeatInterval.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts and intervals must be positive, ioThreads >= 1");
    }
  }

  /** A builder with the defaults described on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /** The client id sent in heartbeats: {@code clientIp@instanceName}. */
  public String clientId() {
    return clientIp + "@" + instanceName;
  }

  /** {@code name} with the namespace applied ({@code ns%name}), unless already applied. */
  public String wrap(String name) {
    if (namespace.isEmpty() || name.startsWith(namespace + "%")) {
      return name;
    }
    return namespace + "%" + name;
  }

  /** Parses {@code host:port;host:port} (also accepts commas and spaces). */
  public static List<String> parseAddresses(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : list.split("[;,\\s]+")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Builds a {@link ClientConfig}. Not thread-safe. */
  public static final class Builder {
    private List<String> namesrv = List.of();
    private String namespace = "";
    private Duration requestTimeout = Duration.ofSeconds(3);
    private String instanceName;
    private String clientIp;
    private int ioThreads = 1;
    private Duration routeRefresh = Duration.ofSeconds(30);
    private Duration heartbeat = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** NameServers as {@code host:port;host:port}. Default: system property, then environment. */
    public Builder namesrv(String addresses) {
      this.namesrv = parseAddresses(addresses);
      return this;
    }

    /** Default: none. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Default 3 s, as the official client. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Default {@code <pid>#<nanoTime>}, so two clients in one JVM have distinct ids. */
    public Builder instanceName(String name) {
      this.instanceName = name;
      return this;
    }

    /** Default: the first site-local IPv4 address, else 127.0.0.1. */
    public Builder clientIp(String ip) {
      this.clientIp = ip;
      return this;
    }

    /** Default 1: one event loop carries all connections of a client. */
    public Builder ioThreads(int threads) {
      this.ioThreads = threads;
      return this;
    }

    /** Default 30 s. */
    public Builder routeRefreshInterval(Duration interval) {
      this.routeRefresh = interval;
      return this;
    }

    /** Default 30 s. */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeat = interval;
      return this;
    }

    /** Default: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public ClientConfig build() {
      List<String> addresses = namesrv;
      if (addresses.isEmpty()) {
        addresses = parseAddresses(System.getProperty(NAMESRV_PROPERTY));
      }
      if (addresses.isEmpty()) {
        addresses = parseAddresses(System.getenv(NAMESRV_ENV));
      }
      String instance = instanceName != null ? instanceName
          : ManagementFactory.getRuntimeMXBean().getPid() + "#" + System.nanoTime();
      return new ClientConfig(addresses, namespace, requestTimeout, instance,
          clientIp != null ? clientIp : localIp(), ioThreads, routeRefresh, heartbeat, clock);
    }

    private static String localIp() {
      try {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
            continue;
          }
          for (InetAddress a : Collections.list(nic.getInetAddresses())) {
            if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
              return a.getHostAddress();
            }
          }
        }
      } catch (SocketException e) {
        // fall through to loopback
      }
      return "127.0.0.1";
    }
  }
}
