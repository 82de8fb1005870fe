package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.MessageAdmin;
import io.apogeemq.client.admin.NotFoundException;
import io.apogeemq.client.consumer.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code queryMsgByKey}: messages carrying a business key, within a store-time window. */
@Command(name = "queryMsgByKey", description = "List messages by key.")
final class QueryMsgByKeyCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
  String topic;

  @Option(names = {"-k", "--msgKey"}, required = true, description = "Message key.")
  String key;

  @Option(names = {"-b", "--beginTimestamp"}, defaultValue = "0",
      description = "Window start (epoch ms or yyyy-MM-dd#HH:mm:ss:SSS).")
  String begin;

  @Option(names = {"-e", "--endTimestamp"}, defaultValue = "" + Long.MAX_VALUE,
      description = "Window end.")
  String end;

  @Option(names = {"-c", "--maxNum"}, defaultValue = "" + MessageAdmin.MAX_KEY_RESULTS,
      description = "Most messages (default ${DEFAULT-VALUE}).")
  int maxNum;

  @Override
  void validate() {
    Times.parse(begin);
    Times.parse(end);
  }

  @Override
  Output execute(AdminSession s) {
    List<ReceivedMessage> found = s.admin().messages().byKey(topic, key, maxNum,
        Times.parse(begin), Times.parse(end));
    if (found.isEmpty()) {
      throw new NotFoundException("no message with key '" + key + "' in topic '" + topic + "'");
    }
    Table table = Table.of("Message ID", "Broker Name", "QID", "Offset", "Store Time");
    found.forEach(m -> table.row(m.messageId(), m.queue().brokerName(), m.queue().queueId(),
        m.queueOffset(), Times.format(m.storeTimestamp())));
    return Output.table(found.stream().map(m -> MessageView.json(m, StandardCharsets.UTF_8))
        .toList(), table);
  }
}
