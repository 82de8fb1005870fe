package io.apogeemq.broker.admin;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.client.ConsumerRegistry;
import io.apogeemq.broker.client.ProducerRegistry;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.LiveBrokerConfig;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.MessageStore;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The mqadmin requests a single broker answers: topic administration, topic and consume
 * statistics, runtime information and configuration. All on one small executor of their own
 * (admin traffic is rare and must not compete with sends and pulls). No background work.
 */
public final class AdminService implements BrokerComponent {

  private final LiveBrokerConfig live;
  private final BrokerConfig config;
  private final TopicConfigRegistry topics;
  private final MessageStore store;
  private final ConsumerOffsetTable offsets;
  private final ConsumerRegistry consumers;
  private final ProducerRegistry producers;
  private final SubscriptionGroupRegistry groups;
  private final Clock clock;
  private final List<Supplier<Map<String, String>>> runtimeInfo = new CopyOnWriteArrayList<>();

  public AdminService(LiveBrokerConfig live, TopicConfigRegistry topics, MessageStore store,
      ConsumerOffsetTable offsets, ConsumerRegistry consumers, ProducerRegistry producers,
      SubscriptionGroupRegistry groups, Clock clock) {
    this.live = live;
    this.config = live.get();
    this.topics = topics;
    this.store = store;
    this.offsets = offsets;
    this.consumers = consumers;
    this.producers = producers;
    this.groups = groups;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "admin";
  }

  /** Adds keys to {@code GET_BROKER_RUNTIME_INFO} (features with status of their own). */
  public AdminService runtimeInfo(Supplier<Map<String, String>> source) {
    runtimeInfo.add(source);
    return this;
  }

  @Override
  public void install(RemotingServer server) {
    Executor executor = server.newProcessorExecutor("admin", 1, 1_000);
    TopicAdminProcessor topicAdmin = new TopicAdminProcessor(topics, offsets);
    // A slave copies its topics from the master (ha.SlaveMetadataSync): it is read-only here.
    RequestProcessor topicWrites = config.ha().brokerRole().isMaster() ? topicAdmin
        : (context, request) -> {
          throw new CommandException(ResponseCode.NO_PERMISSION, "broker "
              + config.brokerName() + " is a slave: its topics are copied from the master; "
              + "change them on the master");
        };
    server.registerProcessor(RequestCode.UPDATE_AND_CREATE_TOPIC, topicWrites, executor);
    server.registerProcessor(RequestCode.UPDATE_AND_CREATE_TOPIC_LIST, topicWrites, executor);
    server.registerProcessor(RequestCode.DELETE_TOPIC_IN_BROKER, topicWrites, executor);
    server.registerProcessor(RequestCode.GET_ALL_TOPIC_CONFIG, topicAdmin, executor);
    server.registerProcessor(RequestCode.GET_TOPIC_CONFIG, topicAdmin, executor);
    server.registerProcessor(RequestCode.GET_TOPIC_STATS_INFO,
        new TopicStatsProcessor(config.brokerName(), topics, store), executor);
    server.registerProcessor(RequestCode.GET_CONSUME_STATS,
        new ConsumeStatsProcessor(config.brokerName(), topics, store, offsets, consumers),
        executor);
    BrokerInfoProcessor info = new BrokerInfoProcessor(live, store, clock, runtimeInfo);
    server.registerProcessor(RequestCode.GET_BROKER_RUNTIME_INFO, info, executor);
    server.registerProcessor(RequestCode.GET_BROKER_CONFIG, info, executor);
    server.registerProcessor(RequestCode.UPDATE_BROKER_CONFIG,
        new BrokerConfigUpdateProcessor(live), executor);
    ClientAdminProcessor clients = new ClientAdminProcessor(consumers, producers, offsets);
    server.registerProcessor(RequestCode.GET_CONSUMER_CONNECTION_LIST, clients, executor);
    server.registerProcessor(RequestCode.GET_PRODUCER_CONNECTION_LIST, clients, executor);
    server.registerProcessor(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, clients, executor);
    SubscriptionGroupAdminProcessor subs = new SubscriptionGroupAdminProcessor(groups, offsets);
    server.registerProcessor(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, subs, executor);
    server.registerProcessor(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, subs, executor);
    server.registerProcessor(RequestCode.DELETE_SUBSCRIPTIONGROUP, subs, executor);
    server.registerProcessor(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG, subs, executor);
    server.registerProcessor(RequestCode.GET_ALL_CONSUMER_OFFSET,
        new ConsumerOffsetsProcessor(offsets), executor);
  }
}
