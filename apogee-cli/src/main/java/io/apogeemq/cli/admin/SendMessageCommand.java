package io.apogeemq.cli.admin;

import io.apogeemq.client.message.Message;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.client.message.SendResult;
import io.apogeemq.client.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sendMessage}: send one message (to any queue, or to one with -b/-i). */
@Command(name = "sendMessage", description = "Send a message.")
final class SendMessageCommand extends AdminSubcommand {

  /** Producer group of the admin's sends. */
  static final String TOOLS_PRODUCER = "TOOLS_PRODUCER";

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
  String topic;

  @Option(names = {"-p", "--body"}, required = true, description = "Body (UTF-8 text).")
  String body;

  @Option(names = {"-k", "--key"}, description = "Keys (space-separated).")
  String keys;

  @Option(names = {"-c", "--tags"}, description = "Tag.")
  String tags;

  @Option(names = {"-b", "--broker"}, description = "Broker name (with -i).")
  String brokerName;

  @Option(names = {"-i", "--qid"}, description = "Queue id (with -b).")
  Integer queueId;

  @Override
  void validate() {
    if ((brokerName == null) != (queueId == null)) {
      throw new IllegalArgumentException("-b and -i go together");
    }
  }

  @Override
  Output execute(AdminSession s) {
    Message.Builder b = Message.builder(topic).body(body);
    if (tags != null) {
      b.tags(tags);
    }
    if (keys != null) {
      b.keys(keys.trim().split("\\s+"));
    }
    Message m = b.build();
    SendResult r;
    try (Producer p = s.client().producer(TOOLS_PRODUCER)) {
      r = brokerName != null ? p.send(m, new MessageQueue(topic, brokerName, queueId))
          : p.send(m);
    }
    Table table = Table.of("Broker Name", "QID", "Send Result", "MsgId");
    table.row(r.queue().brokerName(), r.queue().queueId(), r.status(), r.messageId());
    return Output.table(r, table);
  }
}
