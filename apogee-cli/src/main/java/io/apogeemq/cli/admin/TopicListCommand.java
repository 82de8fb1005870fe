package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.NotFoundException;
import io.apogeemq.client.admin.TopicRouteInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topicList}: every topic; with {@code -c} also its cluster and consumer groups. */
@Command(name = "topicList", description = "List topics (with -c: cluster and consumer groups).")
final class TopicListCommand extends AdminSubcommand {

  @Option(names = {"-c", "--clusterModel"}, description = "Show cluster and consumer groups.")
  boolean clusterModel;

  /** One line of {@code topicList -c}. */
  record TopicLine(String cluster, String topic, Set<String> consumerGroups) {}

  @Override
  Output execute(AdminSession s) {
    Set<String> topics = s.admin().listTopics();
    if (!clusterModel) {
      return new Output(topics, out -> topics.forEach(out::println));
    }
    List<TopicLine> lines = new ArrayList<>();
    Table table = Table.of("Cluster Name", "Topic", "Consumer Group");
    for (String t : topics) {
      Set<String> clusters = new TreeSet<>();
      Set<String> groups = new TreeSet<>();
      try {
        TopicRouteInfo route = s.admin().route(t);
        route.brokerDatas().forEach(b -> clusters.add(b.cluster()));
        groups.addAll(s.admin().consumers().groupsConsuming(t));
      } catch (NotFoundException e) {
        continue; // deleted while listing
      }
      String cluster = String.join(",", clusters);
      lines.add(new TopicLine(cluster, t, groups));
      if (groups.isEmpty()) {
        table.row(cluster, t, "");
      }
      groups.forEach(g -> table.row(cluster, t, g));
    }
    return Output.table(lines, table);
  }
}
