package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.ConsumerConnection;
import io.apogeemq.client.admin.NotFoundException;
import io.apogeemq.client.admin.QueueProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consumerProgress}: per queue, the broker's and the group's offsets and the difference;
 * without {@code -g}, one line per group (groups are found by their {@code %RETRY%} topics).
 */
@Command(name = "consumerProgress", description = "Show a consumer group's progress.")
final class ConsumerProgressCommand extends AdminSubcommand {

  private static final String RETRY_PREFIX = "%RETRY%";

  @Option(names = {"-g", "--consumerGroup"}, description = "Consumer group (all when absent).")
  String group;

  @Option(names = {"-t", "--topic"}, description = "Only this topic.")
  String topic;

  /** The progress of one group. */
  record GroupProgress(String group, List<QueueProgress> queues, long diffTotal) {}

  /** One line of the all-groups view. */
  record GroupLine(String group, int online, String messageModel, long diffTotal) {}

  @Override
  Output execute(AdminSession s) {
    if (group == null) {
      return allGroups(s);
    }
    List<QueueProgress> queues = s.admin().consumers().progress(group, topic);
    if (queues.isEmpty()) {
      try {
        s.admin().consumers().connection(group); // online but nothing committed yet
      } catch (NotFoundException e) {
        throw new NotFoundException("consumer group '" + group + "' has no offsets and no "
            + "online consumer");
      }
    }
    long total = queues.stream().mapToLong(QueueProgress::diff).sum();
    Table table = Table.of("Topic", "Broker Name", "QID", "Broker Offset", "Consumer Offset",
        "Diff", "LastTime");
    queues.forEach(q -> table.row(q.topic(), q.brokerName(), q.queueId(), q.brokerOffset(),
        q.consumerOffset(), q.diff(), Times.format(q.lastTimestamp())));
    return new Output(new GroupProgress(group, queues, total), out -> {
      table.print(out);
      out.println();
      out.println("Diff Total: " + total);
    });
  }

  private Output allGroups(AdminSession s) {
    List<GroupLine> lines = new ArrayList<>();
    Table table = Table.of("Group", "Count", "Model", "Diff Total");
    for (String t : s.admin().listTopics()) {
      if (!t.startsWith(RETRY_PREFIX)) {
        continue;
      }
      String g = t.substring(RETRY_PREFIX.length());
      long diff = s.admin().consumers().progress(g, null).stream()
          .mapToLong(QueueProgress::diff).sum();
      int online = 0;
      String model = "";
      try {
        ConsumerConnection c = s.admin().consumers().connection(g);
        online = c.connections().size();
        model = c.messageModel();
      } catch (NotFoundException offline) {
        model = "OFFLINE";
      }
      lines.add(new GroupLine(g, online, model, diff));
      table.row(g, online, model, diff);
    }
    return Output.table(Map.of("groups", lines), table);
  }
}
