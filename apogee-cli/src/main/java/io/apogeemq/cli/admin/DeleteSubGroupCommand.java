package io.apogeemq.cli.admin;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deleteSubGroup}: delete a consumer group's settings (and, with -r, its offsets). */
@Command(name = "deleteSubGroup", description = "Delete a subscription group.")
final class DeleteSubGroupCommand extends AdminSubcommand {

  @Mixin
  BrokerTarget target;

  @Option(names = {"-g", "--groupName"}, required = true, description = "Consumer group.")
  String group;

  @Option(names = {"-r", "--removeOffset"}, arity = "1", defaultValue = "false",
      description = "Also delete the group's committed offsets.")
  boolean removeOffset;

  @Override
  Output execute(AdminSession s) {
    Set<String> brokers = target.brokers(s);
    for (String b : brokers) {
      s.admin().brokers().subscriptionGroup(b, group);
    }
    for (String b : brokers) {
      s.admin().brokers().deleteSubscriptionGroup(b, group, removeOffset);
    }
    return Output.line(Map.of("brokers", brokers, "group", group, "removeOffset", removeOffset),
        "delete subscription group [" + group + "] from " + brokers + " success.");
  }
}
