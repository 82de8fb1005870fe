package io.apogeemq.cli.admin;

import io.apogeemq.client.admin.SubscriptionGroup;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code updateSubGroup}: create or update a consumer group's settings. */
@Command(name = "updateSubGroup", description = "Create or update a subscription group.")
final class UpdateSubGroupCommand extends AdminSubcommand {

  @Mixin
  BrokerTarget target;

  @Option(names = {"-g", "--groupName"}, required = true, description = "Consumer group.")
  String group;

  @Option(names = {"-s", "--consumeEnable"}, arity = "1", defaultValue = "true",
      description = "Allow consuming.")
  boolean consumeEnable;

  @Option(names = {"-m", "--consumeFromMinEnable"}, arity = "1", defaultValue = "true",
      description = "Legacy flag.")
  boolean consumeFromMinEnable;

  @Option(names = {"-d", "--consumeBroadcastEnable"}, arity = "1", defaultValue = "true",
      description = "Allow broadcasting consumers.")
  boolean consumeBroadcastEnable;

  @Option(names = {"-o", "--consumeMessageOrderly"}, arity = "1", defaultValue = "false",
      description = "Orderly consumption.")
  boolean orderly;

  @Option(names = {"-q", "--retryQueueNums"}, defaultValue = "1", description = "Retry queues.")
  int retryQueueNums;

  @Option(names = {"-r", "--retryMaxTimes"}, defaultValue = "16",
      description = "Deliveries before the dead-letter queue.")
  int retryMaxTimes;

  @Option(names = {"-i", "--brokerId"}, defaultValue = "0", description = "Broker id to read.")
  long brokerId;

  @Option(names = {"-w", "--whichBrokerWhenConsumeSlowly"}, defaultValue = "1",
      description = "Broker id to read when slow.")
  long slowBrokerId;

  @Option(names = {"-a", "--notifyConsumerIdsChanged"}, arity = "1", defaultValue = "true",
      description = "Notify members of group changes.")
  boolean notify;

  @Override
  void validate() {
    if (retryQueueNums < 0 || retryMaxTimes < -1) {
      throw new IllegalArgumentException("retryQueueNums must be >= 0 and retryMaxTimes >= -1");
    }
  }

  @Override
  Output execute(AdminSession s) {
    SubscriptionGroup config = new SubscriptionGroup(group, consumeEnable, consumeFromMinEnable,
        consumeBroadcastEnable, orderly, retryQueueNums, retryMaxTimes, brokerId, slowBrokerId,
        notify);
    Set<String> brokers = target.brokers(s);
    for (String b : brokers) {
      s.admin().brokers().createSubscriptionGroup(b, config);
    }
    return Output.line(Map.of("brokers", brokers, "group", config),
        "create subscription group [" + group + "] on " + brokers + " success.");
  }
}
