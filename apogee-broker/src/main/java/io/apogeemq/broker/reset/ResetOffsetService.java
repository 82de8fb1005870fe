package io.apogeemq.broker.reset;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.client.ClientChannel;
import io.apogeemq.broker.client.ConsumerGroup;
import io.apogeemq.broker.client.ConsumerIdsChangeNotifier.OnewaySender;
import io.apogeemq.broker.client.ConsumerRegistry;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.LanguageCode;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.MessageStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets by time: {@code INVOKE_BROKER_TO_RESET_OFFSET} (222, what {@code mqadmin
 * resetOffsetByTime} and {@code DefaultMQAdminExt.resetOffsetByTimestamp} send), codes.md §5.13.
 *
 * <p>Computes each queue's new offset ({@link OffsetResetPlanner}), commits it as the group's
 * offset, and tells every online client of the group with {@code RESET_CONSUMER_CLIENT_OFFSET}
 * (220, oneway; the C++ form of the body for a request sent in language {@code CPP}; the
 * answer always has the Java form), as the 4.9
 * broker does. The clients drop those queues, store the offsets and pull from there. The answer is
 * {@code SUCCESS} with the new offsets; unknown topic → {@code TOPIC_NOT_EXIST}; no online client
 * → {@code CONSUMER_NOT_ONLINE} with nothing changed (mqadmin then falls back to updating offsets
 * one by one).
 *
 * <p>Requests run on the {@code offset-reset} executor (1 thread). Thread-safe.
 */
public final class ResetOffsetService implements BrokerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(ResetOffsetService.class);

  private final String brokerName;
  private final TopicConfigRegistry topics;
  private final ConsumerOffsetTable offsets;
  private final ConsumerRegistry consumers;
  private final OffsetResetPlanner planner;
  private OnewaySender sender;

  public ResetOffsetService(String brokerName, TopicConfigRegistry topics, MessageStore store,
      ConsumerOffsetTable offsets, ConsumerRegistry consumers) {
    this.brokerName = brokerName;
    this.topics = topics;
    this.offsets = offsets;
    this.consumers = consumers;
    this.planner = new OffsetResetPlanner(store);
  }

  @Override
  public String name() {
    return "offset-reset";
  }

  @Override
  public void install(RemotingServer server) {
    this.sender = server::invokeOneway;
    Executor executor = server.newProcessorExecutor("offset-reset", 1, 1_000);
    server.registerProcessor(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, this::reset, executor);
  }

  RemotingCommand reset(RequestContext context, RemotingCommand request) {
    ResetOffsetHeader h = ResetOffsetHeader.parse(request);
    TopicConfig topic = topics.get(h.topic());
    if (topic == null) {
      throw new CommandException(ResponseCode.TOPIC_NOT_EXIST, "topic " + h.topic()
          + " does not exist on broker " + brokerName + " (offset reset of group " + h.group()
          + ")");
    }
    if (h.queueId() >= topic.queueCount()) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "queue " + h.queueId()
          + " out of range for topic " + h.topic() + " (" + topic.queueCount() + " queues)");
    }
    List<ClientChannel> members = consumers.find(h.group()).map(ConsumerGroup::members)
        .orElse(List.of());
    if (members.isEmpty()) {
      throw new CommandException(ResponseCode.CONSUMER_NOT_ONLINE, "the consumer group <"
          + h.group() + "> not online on broker " + brokerName);
    }
    Map<Integer, Long> planned = planner.plan(h, topic.writeQueueNums(),
        q -> offsets.query(h.group(), h.topic(), q));
    planned.forEach((q, o) -> offsets.commit(h.group(), h.topic(), q, o));
    LOG.info("offsets of group {} on topic {} reset to timestamp {} (force {}) by {}: {}",
        h.group(), h.topic(), h.timestamp(), h.force(), context.peer(), planned);
    byte[] body = ResetOffsetBody.forJava(brokerName, h.topic(), planned);
    byte[] notice = request.language() == LanguageCode.CPP
        ? ResetOffsetBody.forCpp(brokerName, h.topic(), planned) : body;
    int told = tellClients(h, members, notice);
    LOG.debug("told {} of {} client(s) of group {} to reset", told, members.size(), h.group());
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }

  private int tellClients(ResetOffsetHeader h, List<ClientChannel> members, byte[] body) {
    int told = 0;
    for (ClientChannel member : members) {
      if (!member.channel().isActive()) {
        continue;
      }
      RemotingCommand notice = RemotingCommand.onewayRequest(
          RequestCode.RESET_CONSUMER_CLIENT_OFFSET)
          .putExtField("topic", h.topic())
          .putExtField("group", h.group())
          .putExtField("timestamp", h.timestamp())
          .putExtField("isForce", false)
          .putExtField("queueId", -1)
          .body(body);
      try {
        sender.send(member.channel(), notice);
        told++;
      } catch (Exception e) {
        LOG.warn("cannot tell client {} of group {} to reset its offsets on {}: {}",
            member.clientId(), h.group(), h.topic(), e.toString());
      }
    }
    return told;
  }
}
