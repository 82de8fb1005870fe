package io.apogeemq.cli.admin;

import io.apogeemq.client.ClientConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every admin command takes: {@code -n}, {@code --json}, {@code --verbose}. */
public final class AdminOptions {

  @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "HOST:PORT[;HOST:PORT]",
      description = "NameServer addresses (default: $NAMESRV_ADDR).")
  String namesrvAddr;

  @Option(names = "--json", description = "Print the result as JSON (for scripts).")
  boolean json;

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;

  @Option(names = "--timeoutMillis", paramLabel = "MS", defaultValue = "5000",
      description = "Timeout of each request (default ${DEFAULT-VALUE}).")
  long timeoutMillis;

  /**
   * The NameServer addresses: {@code -n}, else {@code NAMESRV_ADDR}, else the
   * {@code rocketmq.namesrv.addr} system property.
   *
   * @throws IllegalArgumentException when none is given
   */
  List<String> namesrvAddresses() {
    List<String> out = ClientConfig.parseAddresses(namesrvAddr);
    if (out.isEmpty()) {
      out = ClientConfig.parseAddresses(System.getenv(ClientConfig.NAMESRV_ENV));
    }
    if (out.isEmpty()) {
      out = ClientConfig.parseAddresses(System.getProperty(ClientConfig.NAMESRV_PROPERTY));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no NameServer address: give -n host:port or set "
          + ClientConfig.NAMESRV_ENV);
    }
    return out;
  }
}
