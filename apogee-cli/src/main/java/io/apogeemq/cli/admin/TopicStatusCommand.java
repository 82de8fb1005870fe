package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.QueueStats;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topicStatus}: min/max offset and last store time of every queue of a topic. */
@Command(name = "topicStatus", description = "Show the offsets of every queue of a topic.")
final class TopicStatusCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
  String topic;

  @Override
  Output execute(AdminSession s) {
    List<QueueStats> stats = s.admin().topicStats(topic);
    Table table = Table.of("Broker Name", "QID", "Min Offset", "Max Offset", "Last Updated");
    stats.forEach(q -> table.row(q.brokerName(), q.queueId(), q.minOffset(), q.maxOffset(),
        Times.format(q.lastUpdateTimestamp())));
    return Output.table(stats, table);
  }
}
