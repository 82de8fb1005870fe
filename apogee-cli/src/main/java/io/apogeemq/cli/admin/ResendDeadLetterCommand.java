package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.MessageAdmin.ResentLetter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code resendDeadLetter}: put dead letters of a group back into their original topic (the
 * letters stay in {@code %DLQ%<group>}). An Apogee command; mqadmin has none.
 */
@Command(name = "resendDeadLetter", aliases = "resendMsgFromDLQ",
    description = "Re-send dead letters of a group to their original topic.")
final class ResendDeadLetterCommand extends AdminSubcommand {

  @Option(names = {"-g", "--consumerGroup"}, required = true, description = "Consumer group.")
  String group;

  @Option(names = {"-i", "--msgId"}, required = true, split = ",",
      description = "Message id(s) as consumers saw them, or offset ids in the DLQ.")
  List<String> ids;

  @Override
  Output execute(AdminSession s) {
    List<ResentLetter> done = new ArrayList<>();
    Table table = Table.of("Message ID", "Topic", "Broker Name", "QID", "Offset", "New OffsetID");
    for (String id : ids) {
      ResentLetter r = s.admin().messages().resendDeadLetter(group, id.trim());
      done.add(r);
      table.row(id.trim(), r.topic(), r.brokerName(), r.queueId(), r.queueOffset(),
          r.offsetMsgId());
    }
    return Output.table(done, table);
  }
}
