package io.apogeemq.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code brokerStatus}: every runtime figure a broker reports. */
@Command(name = "brokerStatus", description = "Show a broker's runtime status.")
final class BrokerStatusCommand extends AdminSubcommand {

  @Mixin
  BrokerTarget target;

  @Override
  Output execute(AdminSession s) {
    return target.keyValues(s, b -> s.admin().brokers().runtimeInfo(b), ": ");
  }
}
