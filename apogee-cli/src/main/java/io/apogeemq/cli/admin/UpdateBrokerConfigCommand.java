package io.apogeemq.cli.admin;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code updateBrokerConfig}: change one configuration key on a broker or a cluster. */
@Command(name = "updateBrokerConfig", description = "Change a broker configuration key.")
final class UpdateBrokerConfigCommand extends AdminSubcommand {

  @Mixin
  BrokerTarget target;

  @Option(names = {"-k", "--key"}, required = true, description = "Configuration key.")
  String key;

  @Option(names = {"-v", "--value"}, required = true, description = "New value.")
  String value;

  @Override
  Output execute(AdminSession s) {
    Set<String> brokers = target.brokers(s);
    for (String b : brokers) {
      s.admin().brokers().updateConfig(b, Map.of(key, value));
    }
    return Output.line(Map.of("brokers", brokers, "key", key, "value", value),
        "update broker config success, " + brokers + " " + key + "=" + value);
  }
}
