package io.apogeemq.cli.admin;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code updateTopic}: create or update a topic on a broker or on every master of a cluster. */
@Command(name = "updateTopic", description = "Create or update a topic.")
final class UpdateTopicCommand extends AdminSubcommand {

  @Mixin
  BrokerTarget target;

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
  String topic;

  @Option(names = {"-r", "--readQueueNums"}, defaultValue = "8", description = "Read queues.")
  int readQueues;

  @Option(names = {"-w", "--writeQueueNums"}, defaultValue = "8", description = "Write queues.")
  int writeQueues;

  @Option(names = {"-p", "--perm"}, defaultValue = "6", description = "Permission (6 = RW).")
  int perm;

  @Option(names = {"-o", "--order"}, arity = "1", defaultValue = "false",
      description = "Ordered topic (true/false).")
  boolean order;

  @Override
  Output execute(AdminSession s) {
    Set<String> brokers = target.brokers(s);
    Table table = Table.of("Broker", "Topic", "ReadQueues", "WriteQueues", "Perm", "Order");
    for (String b : brokers) {
      s.admin().createTopic(b, topic, readQueues, writeQueues, perm, order);
      table.row(b, topic, readQueues, writeQueues, perm, order);
    }
    if (order) {
      StringBuilder conf = new StringBuilder();
      s.admin().route(topic).queueDatas().forEach(q -> conf.append(conf.isEmpty() ? "" : ";")
          .append(q.brokerName()).append(':').append(q.writeQueueNums()));
      s.admin().putKvConfig(io.apogeemq.client.admin.Admin.ORDER_TOPIC_CONFIG, topic,
          conf.toString());
    }
    return Output.table(Map.of("topic", topic, "brokers", brokers, "readQueueNums", readQueues,
        "writeQueueNums", writeQueues, "perm", perm, "order", order), table);
  }
}
