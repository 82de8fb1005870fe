package io.apogeemq.broker.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.client.ClientChannel;
import io.apogeemq.broker.client.ConsumerData;
import io.apogeemq.broker.client.ConsumerRegistry;
import io.apogeemq.broker.filter.SqlFilterCache;
import io.apogeemq.broker.filter.SqlSubscriptions;
import io.apogeemq.broker.filter.TagExpression;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.support.SteppingClock;
import io.apogeemq.broker.support.StoreFixture;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PullMessageProcessorTest {

  @TempDir Path dir;
  private final SteppingClock clock = new SteppingClock(1_000);
  private final ConsumerRegistry consumers = new ConsumerRegistry();
  private final ConsumerOffsetTable offsets = new ConsumerOffsetTable();
  private final List<ParkedPull> woken = new CopyOnWriteArrayList<>();
  private StoreFixture store;
  private SubscriptionGroupRegistry groups;
  private PullMessageProcessor processor;
  private PullRequestParker parker;

  @BeforeEach
  void setUp() throws Exception {
    store = new StoreFixture(dir.resolve("store"));
    groups = new SubscriptionGroupRegistry(dir.resolve("sg.json"), true, clock);
    Map<String, TopicCatalog.ReadInfo> topics = Map.of("T", new TopicCatalog.ReadInfo(4, true),
        "W", new TopicCatalog.ReadInfo(4, false));
    processor = new PullMessageProcessor(store.store(), t -> Optional.ofNullable(topics.get(t)),
        groups, consumers, offsets, clock, true, 1_000);
    parker = new PullRequestParker(store.store()::maxOffset, woken::add, clock);
    processor.parkWith(parker);
    store.store().addArrivalListener(parker);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static PullRequestHeader header(String topic, int queue, long offset, int sysFlag,
      String subscription) {
    return new PullRequestHeader("g", topic, queue, offset, 32, sysFlag, 0, 15_000, subscription,
        0, "TAG", Integer.MAX_VALUE);
  }

  private RemotingCommand pull(PullRequestHeader h) {
    RemotingCommand req = RemotingCommand.request(RequestCode.PULL_MESSAGE);
    return processor.pull(new RequestContext(new EmbeddedChannel(), req, new HookChain()), h, true);
  }

  private static List<MessageRecord> records(RemotingCommand response) {
    ByteBuf body = response.bodyBuffer();
    try {
      return MessageRecordCodec.decodeAll(body.nioBuffer(), true);
    } finally {
      body.release();
    }
  }

  private static int code(Throwable e) {
    return ((CommandException) e).responseCode();
  }

  @Test
  void foundMessagesComeBackAsStoredRecordsWithAllOffsetFields() {
    store.append("T", 1, "A", "m0");
    store.append("T", 1, "A", "m1");
    RemotingCommand r = pull(header("T", 1, 0, PullSysFlag.SUBSCRIPTION, "*"));
    assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(r.extFields()).containsEntry("nextBeginOffset", "2").containsEntry("minOffset", "0")
        .containsEntry("maxOffset", "2").containsEntry("suggestWhichBrokerId", "0");
    assertThat(records(r)).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
        .containsExactly("m0", "m1");
  }

  @Test
  void sqlSubscriptionsKeepOnlyMatchingRecordsAndRejectBadExpressions() {
    PullMessageProcessor sql = new PullMessageProcessor(store.store(),
        t -> Optional.of(new TopicCatalog.ReadInfo(4, true)), groups, consumers, offsets, clock,
        true, 1_000, new SqlSubscriptions(true, new SqlFilterCache(), "b"));
    store.append("T", 2, "A", "a");
    store.append("T", 2, null, "none");
    store.append("T", 2, "B", "b");
    RequestContext ctx = new RequestContext(new EmbeddedChannel(),
        RemotingCommand.request(RequestCode.PULL_MESSAGE), new HookChain());
    RemotingCommand r = sql.pull(ctx, new PullRequestHeader("g", "T", 2, 0, 32,
        PullSysFlag.SUBSCRIPTION, 0, 0, "TAGS IN ('B', 'C') OR TAGS IS NULL", 0, "SQL92",
        Integer.MAX_VALUE), true);
    assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(records(r)).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
        .containsExactly("none", "b");
    RemotingCommand none = sql.pull(ctx, new PullRequestHeader("g", "T", 2, 0, 32,
        PullSysFlag.SUBSCRIPTION, 0, 0, "TAGS = 'Z'", 0, "SQL92", Integer.MAX_VALUE), true);
    assertThat(none.code()).isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
    assertThat(none.extField("nextBeginOffset")).isEqualTo("3");
    assertThatThrownBy(() -> sql.pull(ctx, new PullRequestHeader("g", "T", 2, 0, 32,
        PullSysFlag.SUBSCRIPTION, 0, 0, "TAGS = ", 0, "SQL92", Integer.MAX_VALUE), true))
        .hasMessageContaining("does not compile")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED));
  }

  @Test
  void tagFilteringUsesHashesThenDropsCollisionsByExactTag() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    store.append("T", 0, "BB", "collision");
    store.append("T", 0, "Aa", "wanted");
    store.append("T", 0, "C", "other");
    RemotingCommand r = pull(header("T", 0, 0, PullSysFlag.SUBSCRIPTION, "Aa || Z"));
    assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(records(r)).extracting(m -> m.property("TAGS")).containsExactly("Aa");
    assertThat(r.extField("nextBeginOffset")).isEqualTo("3");

    RemotingCommand onlyCollision = pull(header("T", 0, 0, PullSysFlag.SUBSCRIPTION, "Aa"));
    assertThat(onlyCollision.code()).isEqualTo(ResponseCode.SUCCESS);
    RemotingCommand none = pull(new PullRequestHeader("g", "T", 0, 0, 1, PullSysFlag.SUBSCRIPTION,
        0, 0, "Aa", 0, "TAG", Integer.MAX_VALUE));
    assertThat(none.code()).as("first message is a hash collision only")
        .isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
    assertThat(none.extField("nextBeginOffset")).isEqualTo("1");
  }

  @Test
  void nonsenseOffsetsAreCorrected() {
    store.append("T", 2, null, "x");
    RemotingCommand tooBig = pull(header("T", 2, 99, PullSysFlag.SUBSCRIPTION, "*"));
    assertThat(tooBig.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
    assertThat(tooBig.extField("nextBeginOffset")).isEqualTo("1");
    RemotingCommand emptyQueue = pull(header("T", 3, 5, PullSysFlag.SUBSCRIPTION, "*"));
    assertThat(emptyQueue.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
    assertThat(emptyQueue.extFields()).containsEntry("nextBeginOffset", "0")
        .containsKeys("minOffset", "maxOffset", "suggestWhichBrokerId");
    RemotingCommand atEnd = pull(header("T", 2, 1, PullSysFlag.SUBSCRIPTION, "*"));
    assertThat(atEnd.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
    assertThat(atEnd.extField("nextBeginOffset")).isEqualTo("1");
  }

  @Test
  void requestsForUnknownTopicsQueuesGroupsOrSubscriptionsGetTheSpecCodes() {
    assertThatThrownBy(() -> pull(new PullRequestHeader("bad group", "T", 0, 0, 32,
        PullSysFlag.SUBSCRIPTION, 0, 0, "*", 0, "TAG", Integer.MAX_VALUE)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST))
        .hasMessageContaining("group name");
    assertThat(groups.find("bad group")).isEmpty();
    assertThatThrownBy(() -> pull(header("nope", 0, 0, PullSysFlag.SUBSCRIPTION, "*")))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.TOPIC_NOT_EXIST))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> pull(header("W", 0, 0, PullSysFlag.SUBSCRIPTION, "*")))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.NO_PERMISSION));
    assertThatThrownBy(() -> pull(header("T", 4, 0, PullSysFlag.SUBSCRIPTION, "*")))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.INVALID_PARAMETER))
        .hasMessageContaining("queueId 4 is out of range");
    RemotingCommand old = RemotingCommand.request(RequestCode.PULL_MESSAGE).version(409);
    assertThatThrownBy(() -> processor.pull(new RequestContext(new EmbeddedChannel(), old,
        new HookChain()), header("T", 4, 0, PullSysFlag.SUBSCRIPTION, "*"), true))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.SYSTEM_ERROR));
    assertThatThrownBy(() -> pull(header("T", 0, 0, 0, null)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_EXIST));
    assertThatThrownBy(() -> pull(new PullRequestHeader("g", "T", 0, 0, 32,
        PullSysFlag.SUBSCRIPTION, 0, 0, "a > 1", 0, "SQL92", Integer.MAX_VALUE)))
        .hasMessageContaining("enablePropertyFilter=false")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.SYSTEM_ERROR));

    consumers.register(new ClientChannel(new EmbeddedChannel(), "c", "JAVA", 479, 0),
        new ConsumerData("g", "CONSUME_PASSIVELY", "CLUSTERING", null,
            List.of(TagExpression.parse("T", "*", "TAG", 5))));
    PullRequestHeader newer = new PullRequestHeader("g", "T", 0, 0, 32, 0, 0, 0, null, 6, null,
        Integer.MAX_VALUE);
    assertThatThrownBy(() -> pull(newer))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_LATEST));

    SubscriptionGroupRegistry strict = new SubscriptionGroupRegistry(dir.resolve("x.json"), false,
        clock);
    PullMessageProcessor p = new PullMessageProcessor(store.store(),
        t -> Optional.of(new TopicCatalog.ReadInfo(1, true)), strict, consumers, offsets, clock,
        true, 1_000);
    RemotingCommand req = RemotingCommand.request(RequestCode.PULL_MESSAGE);
    assertThatThrownBy(() -> p.pull(new RequestContext(new EmbeddedChannel(), req,
        new HookChain()), header("T", 0, 0, PullSysFlag.SUBSCRIPTION, "*"), true))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST));
  }

  @Test
  void thePushConsumersSubscriptionComesFromItsHeartbeat() {
    store.append("T", 0, "A", "a");
    store.append("T", 0, "B", "b");
    consumers.register(new ClientChannel(new EmbeddedChannel(), "c", "JAVA", 479, 0),
        new ConsumerData("g", "CONSUME_PASSIVELY", "CLUSTERING", null,
            List.of(TagExpression.parse("T", "B", "TAG", 5))));
    RemotingCommand r = pull(new PullRequestHeader("g", "T", 0, 0, 32, PullSysFlag.SUSPEND, 0,
        15_000, null, 5, null, Integer.MAX_VALUE));
    assertThat(records(r)).extracting(m -> m.property("TAGS")).containsExactly("B");
  }

  @Test
  void theCommitOffsetIsStoredOnlyWhenItsFlagIsSet() {
    pull(new PullRequestHeader("g", "T", 0, 0, 32, PullSysFlag.SUBSCRIPTION, 7, 0, "*", 0, null,
        Integer.MAX_VALUE));
    assertThat(offsets.query("g", "T", 0)).isEmpty();
    pull(new PullRequestHeader("g", "T", 0, 0, 32,
        PullSysFlag.SUBSCRIPTION | PullSysFlag.COMMIT_OFFSET, 7, 0, "*", 0, null,
        Integer.MAX_VALUE));
    assertThat(offsets.query("g", "T", 0)).hasValue(7);
  }

  @Test
  void aSuspendablePullWithNothingToReadIsParkedAndWokenByTheNextMatchingMessage() {
    PullRequestHeader h = header("T", 1, 0, PullSysFlag.SUBSCRIPTION | PullSysFlag.SUSPEND, "A");
    assertThat(pull(h)).isNull();
    assertThat(parker.size()).isEqualTo(1);
    assertThat(woken).isEmpty();

    store.append("T", 1, "B", "not for us");
    assertThat(woken).as("a message with another tag does not wake it").isEmpty();
    store.append("T", 1, "A", "for us");
    await().atMost(Duration.ofSeconds(5)).until(() -> woken.size() == 1);

    ParkedPull p = woken.get(0);
    assertThat(p.deadlineMillis()).isEqualTo(1_000 + 15_000);
    RemotingCommand answer = processor.pull(p.context(), p.header(), false);
    assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(records(answer)).extracting(m -> m.property("TAGS")).containsExactly("A");
  }

  @Test
  void withoutLongPollingASuspendablePullIsHeldOnlyForTheShortPollingTime() {
    PullMessageProcessor shortPolling = new PullMessageProcessor(store.store(),
        t -> Optional.of(new TopicCatalog.ReadInfo(4, true)), groups, consumers, offsets, clock,
        false, 1_000);
    shortPolling.parkWith(parker);
    RemotingCommand req = RemotingCommand.request(RequestCode.PULL_MESSAGE);
    assertThat(shortPolling.pull(new RequestContext(new EmbeddedChannel(), req, new HookChain()),
        header("T", 3, 0, PullSysFlag.SUBSCRIPTION | PullSysFlag.SUSPEND, "*"), true)).isNull();
    clock.advance(999);
    parker.check();
    assertThat(woken).isEmpty();
    clock.advance(1);
    parker.check();
    assertThat(woken).hasSize(1);
    assertThat(woken.get(0).deadlineMillis() - woken.get(0).parkedAtMillis()).isEqualTo(1_000);
  }

  @Test
  void anExpiredParkedPullIsAnsweredWithPullNotFound() {
    PullRequestHeader h = header("T", 2, 0, PullSysFlag.SUBSCRIPTION | PullSysFlag.SUSPEND, "*");
    assertThat(pull(h)).isNull();
    clock.advance(15_000);
    parker.check();
    assertThat(woken).hasSize(1);
    RemotingCommand answer = processor.pull(woken.get(0).context(), h, false);
    assertThat(answer.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
    assertThat(answer.extFields()).containsEntry("nextBeginOffset", "0")
        .containsKeys("minOffset", "maxOffset", "suggestWhichBrokerId");
    assertThat(Collections.unmodifiableList(woken)).hasSize(1);
  }
}
