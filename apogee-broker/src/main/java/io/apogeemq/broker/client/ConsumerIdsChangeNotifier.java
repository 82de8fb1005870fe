package io.apogeemq.broker.client;

import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code NOTIFY_CONSUMER_IDS_CHANGED} (oneway, header {@code consumerGroup}) to every member
 * of a group whose membership or subscriptions changed, so they rebalance at once instead of within
 * 20 s. A member that cannot be reached is skipped (debug log): it rebalances on its own schedule.
 *
 * <p>Thread-safe; sends never block (oneway writes).
 */
public final class ConsumerIdsChangeNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerIdsChangeNotifier.class);

  /** Writes a oneway server → client request. */
  @FunctionalInterface
  public interface OnewaySender {
    void send(Channel channel, RemotingCommand request) throws Exception;
  }

  private final OnewaySender sender;
  private final boolean enabled;

  public ConsumerIdsChangeNotifier(OnewaySender sender, boolean enabled) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.enabled = enabled;
  }

  /** Notifies {@code members} of {@code group}; returns how many notifications were written. */
  public int notifyMembers(String group, List<ClientChannel> members) {
    if (!enabled) {
      return 0;
    }
    int sent = 0;
    for (ClientChannel member : members) {
      if (!member.channel().isActive()) {
        continue;
      }
      RemotingCommand request = RemotingCommand.onewayRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
          .putExtField("consumerGroup", group);
      try {
        sender.send(member.channel(), request);
        sent++;
      } catch (Exception e) {
        LOG.debug("cannot notify {} of group {} about changed consumer ids: {}", member.clientId(),
            group, e.toString());
      }
    }
    return sent;
  }
}
