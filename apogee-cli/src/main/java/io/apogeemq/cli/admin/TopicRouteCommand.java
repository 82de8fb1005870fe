package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.TopicRouteInfo;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topicRoute}: the brokers and queue counts of a topic. */
@Command(name = "topicRoute", description = "Show the route of a topic.")
final class TopicRouteCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
  String topic;

  @Override
  Output execute(AdminSession s) {
    TopicRouteInfo route = s.admin().route(topic);
    Table brokers = Table.of("Cluster Name", "Broker Name", "BID", "Addr");
    for (TopicRouteInfo.BrokerData b : route.brokerDatas()) {
      new TreeMap<>(b.brokerAddrs()).forEach((id, addr) ->
          brokers.row(b.cluster(), b.brokerName(), id, addr));
    }
    Table queues = Table.of("Broker Name", "Read Queues", "Write Queues", "Perm");
    route.queueDatas().forEach(q ->
        queues.row(q.brokerName(), q.readQueueNums(), q.writeQueueNums(), q.perm()));
    return new Output(route, out -> {
      brokers.print(out);
      out.println();
      queues.print(out);
    });
  }
}
