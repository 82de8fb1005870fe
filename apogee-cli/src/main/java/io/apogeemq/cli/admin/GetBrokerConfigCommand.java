package io.apogeemq.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code getBrokerConfig}: the configuration a broker runs with. */
@Command(name = "getBrokerConfig", description = "Show a broker's configuration.")
final class GetBrokerConfigCommand extends AdminSubcommand {

  @Mixin
  BrokerTarget target;

  @Override
  Output execute(AdminSession s) {
    return target.keyValues(s, b -> s.admin().brokers().config(b), " = ");
  }
}
