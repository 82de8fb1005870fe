package io.apogeemq.cli.admin;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code updateKvConfig}: put a KV config entry on every NameServer. */
@Command(name = "updateKvConfig", description = "Put a KV config entry on every NameServer.")
final class UpdateKvConfigCommand extends AdminSubcommand {

  @Option(names = {"-s", "--namespace"}, required = true, description = "Namespace.")
  String namespace;

  @Option(names = {"-k", "--key"}, required = true, description = "Key.")
  String key;

  @Option(names = {"-v", "--value"}, required = true, description = "Value.")
  String value;

  @Override
  Output execute(AdminSession s) {
    s.admin().putKvConfig(namespace, key, value);
    return Output.line(Map.of("namespace", namespace, "key", key, "value", value),
        "update kv config [" + namespace + "/" + key + "=" + value + "] success.");
  }
}
