package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.NotFoundException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deleteKvConfig}: delete a KV config entry from every NameServer. */
@Command(name = "deleteKvConfig", description = "Delete a KV config entry from every NameServer.")
final class DeleteKvConfigCommand extends AdminSubcommand {

  @Option(names = {"-s", "--namespace"}, required = true, description = "Namespace.")
  String namespace;

  @Option(names = {"-k", "--key"}, required = true, description = "Key.")
  String key;

  @Override
  Output execute(AdminSession s) {
    if (s.admin().kvConfig(namespace, key).isEmpty()) {
      throw new NotFoundException("KV config " + namespace + "/" + key + " does not exist");
    }
    s.admin().deleteKvConfig(namespace, key);
    return Output.line(Map.of("namespace", namespace, "key", key),
        "delete kv config [" + namespace + "/" + key + "] success.");
  }
}
