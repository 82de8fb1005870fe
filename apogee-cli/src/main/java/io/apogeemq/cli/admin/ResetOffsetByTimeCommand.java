package io.apogeemq.cli.admin;

import io.apogeemq.client.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resetOffsetByTime}: move a group's offsets on a topic to a point in time. */
@Command(name = "resetOffsetByTime", description = "Reset a group's offsets to a time.")
final class ResetOffsetByTimeCommand extends AdminSubcommand {

  @Option(names = {"-g", "--group"}, required = true, description = "Consumer group.")
  String group;

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
  String topic;

  @Option(names = {"-s", "--timestamp"}, required = true,
      description = "now, epoch ms, or yyyy-MM-dd#HH:mm:ss:SSS.")
  String timestamp;

  @Option(names = {"-f", "--force"}, arity = "1", defaultValue = "true",
      description = "Also move forward of the committed offset.")
  boolean force;

  /** One reset queue. */
  record ResetLine(String brokerName, int queueId, long offset) {}

  @Override
  void validate() {
    Times.parse(timestamp);
  }

  @Override
  Output execute(AdminSession s) {
    long ts = Times.parse(timestamp);
    Map<MessageQueue, Long> reset =
        s.admin().consumers().resetOffsetByTime(group, topic, ts, force);
    List<ResetLine> lines = new ArrayList<>();
    reset.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> lines.add(
        new ResetLine(e.getKey().brokerName(), e.getKey().queueId(), e.getValue())));
    Table table = Table.of("Broker Name", "QID", "New Offset");
    lines.forEach(l -> table.row(l.brokerName(), l.queueId(), l.offset()));
    return Output.table(Map.of("group", group, "topic", topic, "timestamp", ts, "queues", lines),
        table);
  }
}
