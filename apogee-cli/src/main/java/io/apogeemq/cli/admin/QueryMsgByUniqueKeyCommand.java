package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.NotFoundException;
import io.apogeemq.client.consumer.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code queryMsgByUniqueKey}: the message(s) with a producer-assigned unique key. */
@Command(name = "queryMsgByUniqueKey", description = "Show messages by unique key (UNIQ_KEY).")
final class QueryMsgByUniqueKeyCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
  String topic;

  @Option(names = {"-i", "--msgId"}, required = true, description = "Unique key (msgId).")
  String key;

  @Option(names = {"-a", "--showAll"}, description = "Show every copy (default: the first).")
  boolean showAll;

  @Override
  Output execute(AdminSession s) {
    List<ReceivedMessage> found = s.admin().messages().byUniqueKey(topic, key);
    if (found.isEmpty()) {
      throw new NotFoundException("no message with unique key " + key + " in topic '" + topic
          + "'");
    }
    List<ReceivedMessage> shown = showAll ? found : found.subList(0, 1);
    return new Output(shown.stream().map(m -> MessageView.json(m, StandardCharsets.UTF_8))
        .toList(), out -> shown.forEach(m -> {
          MessageView.print(out, m, StandardCharsets.UTF_8, true);
          out.println();
        }));
  }
}
