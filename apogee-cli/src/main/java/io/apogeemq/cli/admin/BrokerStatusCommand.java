package io.apogeemq.cli.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code brokerStatus}: every runtime figure a broker reports. */
@Command(name = "brokerStatus", description = "Show a broker's runtime status.")
final class BrokerStatusCommand extends AdminSubcommand {

  @Option(names = {"-b", "--brokerAddr"}, description = "Broker address (host:port).")
  String brokerAddr;

  @Option(names = {"-c", "--clusterName"}, description = "Every master of this cluster.")
  String cluster;

  @Override
  Output execute(AdminSession s) {
    Map<String, SortedMap<String, String>> all = new LinkedHashMap<>();
    for (String b : s.brokers(brokerAddr, cluster)) {
      all.put(b, s.admin().brokers().runtimeInfo(b));
    }
    return new Output(brokerAddr != null ? all.get(brokerAddr) : all,
        out -> KeyValues.print(out, all, ": ", cluster != null));
  }
}
