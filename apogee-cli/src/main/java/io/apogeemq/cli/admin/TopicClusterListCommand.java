package io.apogeemq.cli.admin;

import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topicClusterList}: the clusters that serve a topic. */
@Command(name = "topicClusterList", description = "List the clusters that serve a topic.")
final class TopicClusterListCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
  String topic;

  @Override
  Output execute(AdminSession s) {
    Set<String> clusters = new TreeSet<>();
    s.admin().route(topic).brokerDatas().forEach(b -> clusters.add(b.cluster()));
    return new Output(clusters, out -> clusters.forEach(out::println));
  }
}
