package io.apogeemq.broker.pull;

import io.apogeemq.broker.wire.StoredRecordsBody;
import io.apogeemq.broker.client.ConsumerGroup;
import io.apogeemq.broker.client.ConsumerRegistry;
import io.apogeemq.broker.client.SubscriptionData;
import io.apogeemq.broker.filter.RecordTags;
import io.apogeemq.broker.filter.SqlSubscriptions;
import io.apogeemq.broker.filter.TagExpression;
import io.apogeemq.broker.filter.sql.RecordProperties;
import io.apogeemq.broker.filter.sql.SqlFilter;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.send.SendHeader;
import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.TagFilter;
import io.apogeemq.store.file.SegmentSlice;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code PULL_MESSAGE} (11) and {@code LITE_PULL_MESSAGE} (361): checks the group, topic, queue and
 * subscription in the official order, reads from the store filtering by tag hash, drops hash
 * collisions by exact tag, maps the result to the response code and offsets (all four offset fields
 * are always present), stores the piggy-backed commit offset, and either answers or parks the pull
 * for long polling.
 *
 * <p>SQL92 subscriptions read every entry from the consume queue (no tag hash to filter on) and
 * keep the records whose properties match the subscription's compiled filter
 * ({@link SqlSubscriptions}), read in place from the stored record without touching the body.
 *
 * <p>The body is the stored record bytes, handed to the network as a composite of mapped slices
 * (never copied). Records are stored as V1 (1-byte topic length) for every topic of up to 127 bytes,
 * which both 4.9 and 5.x clients read; only longer topics are stored (and sent) as V2.
 *
 * <p>Thread-safe: runs on the pull executor for many connections at once.
 */
public final class PullMessageProcessor implements RequestProcessor {

  private final MessageStore store;
  private final TopicCatalog topics;
  private final SubscriptionGroupRegistry groups;
  private final ConsumerRegistry consumers;
  private final ConsumerOffsetTable offsets;
  private final Clock clock;
  private final boolean longPolling;
  private final long shortPollingMillis;
  private final SqlSubscriptions sql;
  private volatile PullRequestParker parker;
  private volatile PullRole role = PullRole.MASTER;

  public PullMessageProcessor(MessageStore store, TopicCatalog topics,
      SubscriptionGroupRegistry groups, ConsumerRegistry consumers, ConsumerOffsetTable offsets,
      Clock clock, boolean longPolling, long shortPollingMillis) {
    this(store, topics, groups, consumers, offsets, clock, longPolling, shortPollingMillis,
        SqlSubscriptions.disabled("(this broker)"));
  }

  /** With SQL92 filtering as {@code sql} allows it ({@code enablePropertyFilter}). */
  public PullMessageProcessor(MessageStore store, TopicCatalog topics,
      SubscriptionGroupRegistry groups, ConsumerRegistry consumers, ConsumerOffsetTable offsets,
      Clock clock, boolean longPolling, long shortPollingMillis, SqlSubscriptions sql) {
    this.sql = sql;
    this.store = store;
    this.topics = topics;
    this.groups = groups;
    this.consumers = consumers;
    this.offsets = offsets;
    this.clock = clock;
    this.longPolling = longPolling;
    this.shortPollingMillis = shortPollingMillis;
  }

  /** The broker's replication role (master by default); set before the first request. */
  public void role(PullRole role) {
    this.role = role;
  }

  /** Where suspended pulls go; set once before the first request. */
  void parkWith(PullRequestParker parker) {
    this.parker = parker;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    return pull(context, PullRequestHeader.of(request), true);
  }

  /**
   * Runs one pull. {@code firstRun} is false when a parked pull is re-run: it then neither commits
   * the offset again nor parks again. Returns null when the pull was parked.
   */
  RemotingCommand pull(RequestContext context, PullRequestHeader h, boolean firstRun) {
    NameRules.groupProblem(h.consumerGroup()).ifPresent(problem -> {
      throw new CommandException(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, problem + " ("
          + h.where() + " from " + context.peer() + ")");
    });
    SubscriptionGroupConfig group = groups.findOrCreate(h.consumerGroup()).orElseThrow(() ->
        new CommandException(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group "
            + h.consumerGroup() + " does not exist on this broker (" + h.where() + ")"));
    if (!group.consumeEnable()) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "subscription group "
          + h.consumerGroup() + " may not consume (consumeEnable=false)");
    }
    TopicCatalog.ReadInfo topic = topics.readInfo(h.topic()).orElseThrow(() ->
        new CommandException(ResponseCode.TOPIC_NOT_EXIST, "topic " + h.topic()
            + " does not exist on this broker; create it first (" + h.where() + ")"));
    if (!topic.readable()) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "topic " + h.topic()
          + " is not readable");
    }
    if (h.queueId() < 0 || h.queueId() >= topic.readQueueNums()) {
      // 5.x clients know INVALID_PARAMETER (the 5.x broker's answer); 4.x clients only SYSTEM_ERROR.
      int code = context.request().version() >= SendHeader.V5_0_0
          ? ResponseCode.INVALID_PARAMETER : ResponseCode.SYSTEM_ERROR;
      throw new CommandException(code, "queueId " + h.queueId()
          + " is out of range: topic " + h.topic() + " has " + topic.readQueueNums()
          + " read queues (from " + context.peer() + ")");
    }
    if (h.maxMsgNums() <= 0) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "maxMsgNums must be positive, was "
          + h.maxMsgNums() + " (" + h.where() + ")");
    }
    SubscriptionData subscription = subscription(h, group);
    boolean bySql = SubscriptionData.TYPE_SQL92.equals(subscription.expressionType());
    SqlFilter sqlFilter = bySql
        ? sql.filter(h.consumerGroup(), h.topic(), subscription.expression()) : null;
    TagFilter filter = subscription.matchesAll() || bySql ? TagFilter.ALL
        : TagFilter.anyOf(subscription.codes());

    GetResult result = store.getMessages(h.topic(), h.queueId(), h.queueOffset(), h.maxMsgNums(),
        Math.max(1, h.maxMsgBytes()), filter);
    if (result.status() == GetStatus.FOUND && sqlFilter != null) {
      result = retain(result, record -> sqlFilter.matches(RecordProperties.of(record)));
    } else if (result.status() == GetStatus.FOUND && !subscription.matchesAll()) {
      result = retain(result, record -> {
        String tag = RecordTags.tagOf(record);
        return tag != null && subscription.tags().contains(tag);
      });
    }
    PullRole r = role;
    PullOutcome outcome = PullOutcome.of(result, h.queueOffset());
    if (r.slave() && outcome.code() == ResponseCode.PULL_OFFSET_MOVED) {
      outcome = new PullOutcome(ResponseCode.PULL_RETRY_IMMEDIATELY, h.queueOffset());
    }

    if (firstRun && h.commitOffsetFlag() && !r.slave()) {
      offsets.commit(h.consumerGroup(), h.topic(), h.queueId(), Math.max(0, h.commitOffset()));
    }
    PullRequestParker p = parker;
    if (outcome.code() == ResponseCode.PULL_NOT_FOUND && firstRun && h.suspendFlag()
        && p != null) {
      long hold = longPolling ? Math.max(0, h.suspendTimeoutMillis()) : shortPollingMillis;
      long now = clock.millis();
      p.park(new ParkedPull(context, h, filter, now, now + hold));
      return null;
    }
    RemotingCommand response = RemotingCommand.response(outcome.code(), result.status().name())
        .putExtField("suggestWhichBrokerId", r.suggestBrokerId(result, group))
        .putExtField("nextBeginOffset", outcome.nextBeginOffset())
        .putExtField("minOffset", result.minOffset())
        .putExtField("maxOffset", result.maxOffset());
    if (outcome.code() == ResponseCode.SUCCESS) {
      response.bodyBuffer(StoredRecordsBody.of(result.messages()));
    } else {
      result.close();
    }
    return response;
  }

  private SubscriptionData subscription(PullRequestHeader h, SubscriptionGroupConfig group) {
    Optional<ConsumerGroup> members = consumers.find(h.consumerGroup());
    if (members.isPresent() && members.get().broadcasting() && !group.consumeBroadcastEnable()) {
      throw new CommandException(ResponseCode.NO_PERMISSION, "subscription group "
          + h.consumerGroup() + " may not consume in broadcasting mode");
    }
    if (h.subscriptionFlag() && SubscriptionData.TYPE_SQL92.equals(h.expressionType())) {
      return new SubscriptionData(h.topic(), h.subscription(), SubscriptionData.TYPE_SQL92, null,
          null, h.subVersion());
    }
    if (h.subscriptionFlag()) {
      try {
        return TagExpression.parse(h.topic(), h.subscription(), h.expressionType(),
            h.subVersion());
      } catch (IllegalArgumentException e) {
        throw new CommandException(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "cannot use subscription '"
            + h.subscription() + "' of " + h.where() + ": " + e.getMessage());
      }
    }
    ConsumerGroup g = members.orElseThrow(() -> new CommandException(
        ResponseCode.SUBSCRIPTION_NOT_EXIST, "no heartbeat registered consumer group "
            + h.consumerGroup() + " yet; its pulls carry no subscription (" + h.where() + ")"));
    SubscriptionData sub = g.subscription(h.topic()).orElseThrow(() -> new CommandException(
        ResponseCode.SUBSCRIPTION_NOT_EXIST, "consumer group " + h.consumerGroup()
            + " has not subscribed topic " + h.topic()));
    if (sub.subVersion() < h.subVersion()) {
      throw new CommandException(ResponseCode.SUBSCRIPTION_NOT_LATEST, "subscription of group "
          + h.consumerGroup() + " to topic " + h.topic() + " is version " + sub.subVersion()
          + " here, the pull has newer version " + h.subVersion() + "; waiting for its heartbeat");
    }
    if (!SubscriptionData.TYPE_TAG.equals(sub.expressionType())
        && !SubscriptionData.TYPE_SQL92.equals(sub.expressionType())) {
      throw new CommandException(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "expression type "
          + sub.expressionType() + " of group " + h.consumerGroup()
          + " is not supported by this broker (TAG or SQL92)");
    }
    return sub;
  }

  /**
   * Keeps the records {@code keep} accepts: drops tag-hash collisions (TAGS differ from the
   * subscribed tags although their hash matched) and records an SQL92 filter rejects.
   */
  private static GetResult retain(GetResult result, Predicate<ByteBuffer> keep) {
    List<SegmentSlice> kept = null;
    int bytes = 0;
    List<SegmentSlice> messages = result.messages();
    for (int i = 0; i < messages.size(); i++) {
      SegmentSlice s = messages.get(i);
      boolean accepted = keep.test(s.buffer());
      if (accepted && kept != null) {
        kept.add(s);
        bytes += s.buffer().remaining();
      } else if (!accepted) {
        if (kept == null) {
          kept = new ArrayList<>(messages.subList(0, i));
          for (SegmentSlice k : kept) {
            bytes += k.buffer().remaining();
          }
        }
        s.close();
      }
    }
    if (kept == null) {
      return result;
    }
    if (kept.isEmpty()) {
      return new GetResult(GetStatus.NO_MATCHED_MESSAGE, result.nextBeginOffset(),
          result.minOffset(), result.maxOffset(), List.of(), 0);
    }
    return new GetResult(GetStatus.FOUND, result.nextBeginOffset(), result.minOffset(),
        result.maxOffset(), kept, bytes);
  }
}
