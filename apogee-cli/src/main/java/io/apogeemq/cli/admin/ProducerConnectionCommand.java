package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.ClientConnection;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code producerConnection}: the online producers of a group (asked on a topic's brokers). */
@Command(name = "producerConnection", description = "Show the online producers of a group.")
final class ProducerConnectionCommand extends AdminSubcommand {

  @Option(names = {"-g", "--producerGroup"}, required = true, description = "Producer group.")
  String group;

  @Option(names = {"-t", "--topic"}, required = true, description = "A topic it sends to.")
  String topic;

  @Override
  Output execute(AdminSession s) {
    List<ClientConnection> conns = s.admin().consumers().producerConnection(group, topic);
    Table table = Table.of("ClientId", "ClientAddr", "Language", "Version");
    conns.forEach(m -> table.row(m.clientId(), m.clientAddr(), m.language(), m.version()));
    return Output.table(conns, table);
  }
}
