package io.apogeemq.cli.admin;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deleteTopic}: delete a topic from a cluster's masters and from every NameServer. */
@Command(name = "deleteTopic", description = "Delete a topic from a cluster and the NameServers.")
final class DeleteTopicCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
  String topic;

  @Option(names = {"-c", "--clusterName"}, required = true, description = "Cluster name.")
  String cluster;

  @Override
  Output execute(AdminSession s) {
    s.admin().route(topic);
    Set<String> masters = s.admin().mastersOf(cluster);
    s.admin().deleteTopic(topic, masters);
    return Output.line(Map.of("topic", topic, "cluster", cluster, "brokers", masters),
        "delete topic [" + topic + "] from cluster [" + cluster + "] success.");
  }
}
