package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.NotFoundException;
import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code queryMsgByOffset}: the message at one offset of one queue. */
@Command(name = "queryMsgByOffset", description = "Show the message at a queue offset.")
final class QueryMsgByOffsetCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
  String topic;

  @Option(names = {"-b", "--brokerName"}, required = true, description = "Broker name.")
  String brokerName;

  @Option(names = {"-i", "--queueId"}, required = true, description = "Queue id.")
  int queueId;

  @Option(names = {"-o", "--offset"}, required = true, description = "Queue offset.")
  long offset;

  @Override
  void validate() {
    if (offset < 0 || queueId < 0) {
      throw new IllegalArgumentException("queue id and offset must not be negative");
    }
  }

  @Override
  Output execute(AdminSession s) {
    s.admin().route(topic);
    MessageQueue q = new MessageQueue(topic, brokerName, queueId);
    List<ReceivedMessage> read = TopicReader.read(s, TopicReader.TOOLS_GROUP, List.of(q),
        new TopicReader.FromOffset(offset), "*", Long.MAX_VALUE, 1, Duration.ofSeconds(10));
    if (read.isEmpty() || read.get(0).queueOffset() != offset) {
      throw new NotFoundException("no message at offset " + offset + " of " + q);
    }
    ReceivedMessage m = read.get(0);
    return new Output(MessageView.json(m, StandardCharsets.UTF_8),
        out -> MessageView.print(out, m, StandardCharsets.UTF_8, true));
  }
}
