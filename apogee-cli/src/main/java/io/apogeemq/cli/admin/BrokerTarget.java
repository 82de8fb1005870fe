package io.apogeemq.cli.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The "one broker or every master of a cluster" options of the commands that act on brokers
 * ({@code -b}/{@code --brokerAddr}, {@code -c}/{@code --clusterName}), added to a command with
 * picocli's {@code @Mixin}. Filled in by picocli on the command's thread; not shared.
 */
final class BrokerTarget {

  @Option(names = {"-b", "--brokerAddr"}, description = "Broker address (host:port).")
  String brokerAddr;

  @Option(names = {"-c", "--clusterName"}, description = "Every master of this cluster.")
  String cluster;

  /** The addresses the options name (see {@link AdminSession#brokers}). */
  Set<String> brokers(AdminSession s) {
    return s.brokers(brokerAddr, cluster);
  }

  /**
   * Asks every targeted broker for its key/value table: with {@code -b} the output is that one
   * table, with {@code -c} one table per broker address.
   */
  Output keyValues(AdminSession s, Function<String, SortedMap<String, String>> ask,
      String separator) {
    Map<String, SortedMap<String, String>> all = new LinkedHashMap<>();
    for (String b : brokers(s)) {
      all.put(b, ask.apply(b));
    }
    return new Output(brokerAddr != null ? all.get(brokerAddr) : all,
        out -> KeyValues.print(out, all, separator, cluster != null));
  }
}
