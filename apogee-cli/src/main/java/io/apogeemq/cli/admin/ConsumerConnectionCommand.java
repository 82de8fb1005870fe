package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.ConsumerConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consumerConnection}: the online members of a consumer group and their subscriptions. */
@Command(name = "consumerConnection", description = "Show the online members of a consumer group.")
final class ConsumerConnectionCommand extends AdminSubcommand {

  @Option(names = {"-g", "--consumerGroup"}, required = true, description = "Consumer group.")
  String group;

  @Override
  Output execute(AdminSession s) {
    ConsumerConnection c = s.admin().consumers().connection(group);
    Table members = Table.of("ClientId", "ClientAddr", "Language", "Version");
    c.connections().forEach(m -> members.row(m.clientId(), m.clientAddr(), m.language(),
        m.version()));
    Table subs = Table.of("Topic", "SubExpression");
    c.subscriptions().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> subs.row(e.getKey(), e.getValue()));
    return new Output(c, out -> {
      members.print(out);
      out.println();
      subs.print(out);
      out.println();
      out.println("ConsumeType: " + c.consumeType());
      out.println("MessageModel: " + c.messageModel());
      out.println("ConsumeFromWhere: " + c.consumeFromWhere());
    });
  }
}
