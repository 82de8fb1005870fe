package io.apogeemq.broker.transaction;

import io.apogeemq.broker.client.ClientChannel;
import io.apogeemq.broker.client.ProducerRegistry;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a producer what became of a transaction: {@code CHECK_TRANSACTION_STATE} (39, oneway,
 * codes.md §3.6) to one live connection of the half message's producer group ({@code PGROUP}),
 * picked at random. Header {@code topic} (the half topic, as the official 5.x broker sends),
 * {@code tranStateTableOffset} and {@code commitLogOffset} of the half-queue entry being checked,
 * {@code msgId} and {@code transactionId} (its {@code UNIQ_KEY}), {@code offsetMsgId},
 * {@code bname}; body the full record with topic and queue restored to the real ones.
 *
 * <p>Thread-safe (stateless apart from its collaborators).
 */
final class CheckBackSender {

  private static final Logger LOG = LoggerFactory.getLogger(CheckBackSender.class);

  /** How a request reaches a client connection (the remoting server's oneway call). */
  @FunctionalInterface
  interface Oneway {
    void send(Channel channel, RemotingCommand request) throws RemotingException;
  }

  private final ProducerRegistry producers;
  private final Oneway oneway;
  private final String brokerName;

  CheckBackSender(ProducerRegistry producers, Oneway oneway, String brokerName) {
    this.producers = producers;
    this.oneway = oneway;
    this.brokerName = brokerName;
  }

  /**
   * Sends the check for {@code entry} (a half-queue entry as stored); returns false when no live
   * producer of its group is connected or the write failed (the check is then skipped, as
   * RocketMQ does; it still counts towards the maximum).
   */
  boolean send(MessageRecord entry) {
    String group = HalfMessages.producerGroup(entry);
    if (group == null) {
      LOG.debug("Half message at offset {} has no producer group; cannot check it",
          entry.queueOffset());
      return false;
    }
    List<ClientChannel> live = producers.members(group).stream()
        .filter(c -> c.channel().isActive()).toList();
    if (live.isEmpty()) {
      LOG.debug("No live producer of group {} to check half offset {}", group,
          entry.queueOffset());
      return false;
    }
    ClientChannel target = live.get(ThreadLocalRandom.current().nextInt(live.size()));
    RemotingCommand request = request(entry);
    try {
      oneway.send(target.channel(), request);
      return true;
    } catch (RemotingException e) {
      LOG.info("CHECK_TRANSACTION_STATE for half offset {} to producer {} of group {} failed: {}",
          entry.queueOffset(), target.clientId(), group, e.getMessage());
      return false;
    }
  }

  RemotingCommand request(MessageRecord entry) {
    String uniq = entry.property(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    RemotingCommand request = RemotingCommand.onewayRequest(RequestCode.CHECK_TRANSACTION_STATE);
    request.putExtField("topic", NameRules.TRANS_HALF_TOPIC);
    request.putExtField("tranStateTableOffset", entry.queueOffset());
    request.putExtField("commitLogOffset", entry.physicalOffset());
    request.putExtField("offsetMsgId", entry.offsetMessageId());
    if (uniq != null) {
      request.putExtField("msgId", uniq);
      request.putExtField("transactionId", uniq);
    }
    request.putExtField("bname", brokerName);
    // encode() allocates exactly the record's size: its array is the body, no copy needed.
    return request.body(MessageRecordCodec.encode(HalfMessages.forProducer(entry)).array());
  }
}
