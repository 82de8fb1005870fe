package io.apogeemq.cli.admin;

import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consumeMessage}: read stored messages of a topic (all queues, or one with -b/-i) from
 * the beginning, an offset or a time, without committing anything.
 */
@Command(name = "consumeMessage", description = "Read messages of a topic (nothing is committed).")
final class ConsumeMessageCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
  String topic;

  @Option(names = {"-b", "--brokerName"}, description = "Only this broker (with -i).")
  String brokerName;

  @Option(names = {"-i", "--queueId"}, description = "Only this queue (with -b).")
  Integer queueId;

  @Option(names = {"-o", "--offset"}, description = "Start offset (with -b and -i).")
  Long offset;

  @Option(names = {"-g", "--consumerGroup"}, defaultValue = TopicReader.TOOLS_GROUP,
      description = "Group the reads are made as (default ${DEFAULT-VALUE}).")
  String group;

  @Option(names = {"-s", "--beginTimestamp"}, description = "Start time.")
  String begin;

  @Option(names = {"-e", "--endTimestamp"}, description = "End time.")
  String end;

  @Option(names = {"-c", "--MessageNumber"}, defaultValue = "128",
      description = "Most messages (default ${DEFAULT-VALUE}).")
  int count;

  @Override
  void validate() {
    if ((brokerName == null) != (queueId == null)) {
      throw new IllegalArgumentException("-b and -i go together");
    }
    if (offset != null && brokerName == null) {
      throw new IllegalArgumentException("-o needs -b and -i");
    }
    if (offset != null && begin != null) {
      throw new IllegalArgumentException("give -o or -s, not both");
    }
    if (count < 1) {
      throw new IllegalArgumentException("-c must be at least 1");
    }
    if (begin != null) {
      Times.parse(begin);
    }
    if (end != null) {
      Times.parse(end);
    }
  }

  @Override
  Output execute(AdminSession s) {
    s.admin().route(topic);
    List<MessageQueue> queues = brokerName != null
        ? List.of(new MessageQueue(topic, brokerName, queueId)) : s.admin().queues(topic);
    TopicReader.Start start = offset != null ? new TopicReader.FromOffset(offset)
        : begin != null ? new TopicReader.FromTime(Times.parse(begin))
        : new TopicReader.FromBeginning();
    long endMillis = end != null ? Times.parse(end) : Long.MAX_VALUE;
    List<ReceivedMessage> read = TopicReader.read(s, group, queues, start, "*", endMillis, count,
        Duration.ofSeconds(30));
    return new Output(read.stream().map(m -> MessageView.json(m, StandardCharsets.UTF_8))
        .toList(), out -> {
          read.forEach(m -> out.printf("%s %d %d %s%n", m.queue().brokerName(),
              m.queue().queueId(), m.queueOffset(), MessageView.summary(m)));
          out.println("Consumed " + read.size() + " message(s)");
        });
  }
}
