package io.apogeemq.cli.admin;

import io.apogeemq.client.consumer.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code queryMsgById}: messages by offset id (or unique key, with {@code -t}). */
@Command(name = "queryMsgById", description = "Show messages by id (comma-separated ids).")
final class QueryMsgByIdCommand extends AdminSubcommand {

  @Option(names = {"-i", "--msgId"}, required = true, split = ",",
      description = "Offset message id(s); unique keys need -t.")
  List<String> ids;

  @Option(names = {"-t", "--topic"}, description = "Topic (to look ids up as unique keys).")
  String topic;

  @Override
  Output execute(AdminSession s) {
    List<ReceivedMessage> found = new ArrayList<>();
    for (String id : ids) {
      found.add(s.admin().messages().byId(topic, id.trim()));
    }
    List<Map<String, Object>> json = found.stream()
        .map(m -> MessageView.json(m, StandardCharsets.UTF_8)).toList();
    return new Output(json.size() == 1 ? json.get(0) : json, out -> {
      for (ReceivedMessage m : found) {
        MessageView.print(out, m, StandardCharsets.UTF_8, true);
        out.println();
      }
    });
  }
}
