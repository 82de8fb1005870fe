package io.apogeemq.broker.retry;

import io.apogeemq.broker.send.MessageRedirect;
import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.MessageStore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CONSUMER_SEND_MSG_BACK} (36, semantics.md §10.1): a consumer could not consume a message;
 * the broker stores it again for a later re-delivery through {@code %RETRY%<group>} (with the
 * delay level of the retry, so it passes through the delay-level redirect) or, once the group's
 * retries are used up, in {@code %DLQ%<group>}.
 *
 * <p>Answers: unknown group (and no auto-creation) → {@code SUBSCRIPTION_GROUP_NOT_EXIST}; broker
 * or retry topic not writable → {@code NO_PERMISSION}; {@code retryQueueNums = 0} → {@code SUCCESS}
 * with the message dropped (the official behaviour); no message at the offset →
 * {@code SYSTEM_ERROR} naming the offset; the store refusing → {@code SYSTEM_ERROR} with its
 * reason. The response is written when the store has the message.
 *
 * <p>Thread-safe.
 */
final class SendBackProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(SendBackProcessor.class);

  private final SubscriptionGroupRegistry groups;
  private final RetryTopics topics;
  private final OriginalMessageReader originals;
  private final MessageStore store;
  private final MessageRedirect delayLevels;
  private final BooleanSupplier brokerWritable;
  private final Supplier<MessageHost> storeHost;

  /**
   * @param delayLevels the delay-level redirect a retry passes through (parks it until due)
   * @param storeHost this broker's address, known once it listens
   */
  SendBackProcessor(SubscriptionGroupRegistry groups, RetryTopics topics, MessageStore store,
      MessageRedirect delayLevels, BooleanSupplier brokerWritable,
      Supplier<MessageHost> storeHost) {
    this.groups = groups;
    this.topics = topics;
    this.originals = new OriginalMessageReader(store);
    this.store = store;
    this.delayLevels = delayLevels;
    this.brokerWritable = brokerWritable;
    this.storeHost = storeHost;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    SendBackHeader h = SendBackHeader.parse(request);
    NameRules.groupProblem(h.group()).ifPresent(problem -> {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "send-back refused, group "
          + h.group() + ": " + problem);
    });
    SubscriptionGroupConfig group = groups.findOrCreate(h.group()).orElseThrow(() ->
        new CommandException(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group "
            + h.group() + " not exist (autoCreateSubscriptionGroup is off)"));
    if (!brokerWritable.getAsBoolean()) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "the broker has no write "
          + "permission, send-back of group " + h.group() + " refused");
    }
    if (group.retryQueueNums() <= 0) {
      LOG.debug("group {} has retryQueueNums=0: message at offset {} dropped", h.group(),
          h.offset());
      return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }
    TopicConfig retry = topics.retry(h.group(), group.retryQueueNums());
    if (!Perm.writable(retry.perm()) || retry.writeQueueNums() <= 0) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "the topic[" + retry.topicName()
          + "] sending message is forbidden (perm " + retry.perm() + ")");
    }
    MessageRecord original = originals.read(h.offset()).orElseThrow(() ->
        new CommandException(ResponseCode.SYSTEM_ERROR, "look message by offset failed, "
            + h.offset() + " (no message starts there; CommitLog holds " + originals.range()
            + "; group " + h.group() + ", topic " + h.originTopic() + ")"));
    int queueId = ThreadLocalRandom.current().nextInt(retry.writeQueueNums());
    SendBackPlan plan = SendBackPlan.of(original, h, group.retryMaxTimes(), queueId,
        storeHost.get());
    AppendMessage m = plan.message();
    if (plan.deadLetter()) {
      topics.deadLetter(h.group());
      LOG.info("message {} of topic {} failed {} time(s) in group {}: moved to {}",
          original.property("UNIQ_KEY"), original.topic(), original.reconsumeTimes() + 1,
          h.group(), m.topic());
    } else {
      m = delayLevels.redirect(m);
    }
    String target = plan.message().topic();
    store.append(m).whenComplete((result, error) -> {
      RemotingCommand response;
      if (error != null || !result.status().isStored()) {
        String why = error != null ? error.toString() : result.status() + " " + result.error();
        LOG.warn("send-back of offset {} (group {}) to {} not stored: {}", h.offset(), h.group(),
            target, why);
        response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "send-back of offset "
            + h.offset() + " to " + target + " not stored: " + why);
      } else {
        response = RemotingCommand.response(ResponseCode.SUCCESS, null);
      }
      context.writeResponse(response);
    });
    return null;
  }
}
