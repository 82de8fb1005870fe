package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.ClusterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterList}: every broker of every cluster with its version and message counters. */
@Command(name = "clusterList", description = "List clusters and their brokers.")
final class ClusterListCommand extends AdminSubcommand {

  @Option(names = {"-c", "--clusterName"}, description = "Only this cluster.")
  String cluster;

  /** One broker line. */
  record BrokerLine(String cluster, String brokerName, long brokerId, String addr,
      String version, String putTotalToday, String getTotalToday, String diskRatio,
      String active) {}

  @Override
  Output execute(AdminSession s) {
    ClusterInfo info = s.admin().clusterInfo();
    if (cluster != null && !info.clusters().containsKey(cluster)) {
      throw new io.apogeemq.client.admin.NotFoundException("cluster '" + cluster
          + "' is not known to the NameServer");
    }
    List<BrokerLine> lines = new ArrayList<>();
    Table table = Table.of("Cluster Name", "Broker Name", "BID", "Addr", "Version",
        "InTotalToday", "OutTotalToday", "DiskRatio", "Activated");
    for (Map.Entry<String, java.util.Set<String>> c : new TreeMap<>(info.clusters()).entrySet()) {
      if (cluster != null && !cluster.equals(c.getKey())) {
        continue;
      }
      for (String name : new TreeSet<>(c.getValue())) {
        for (Map.Entry<Long, String> b : new TreeMap<>(info.brokers().getOrDefault(name, Map.of()))
            .entrySet()) {
          Map<String, String> rt = s.admin().brokers().runtimeInfo(b.getValue());
          BrokerLine l = new BrokerLine(c.getKey(), name, b.getKey(), b.getValue(),
              rt.get("brokerVersionDesc"), rt.get("msgPutTotalTodayNow"),
              rt.get("msgGetTotalTodayNow"), rt.get("commitLogDiskRatio"),
              rt.getOrDefault("brokerActive", "true"));
          lines.add(l);
          table.row(l.cluster(), l.brokerName(), l.brokerId(), l.addr(), l.version(),
              l.putTotalToday(), l.getTotalToday(), l.diskRatio(), l.active());
        }
      }
    }
    return Output.table(lines, table);
  }
}
