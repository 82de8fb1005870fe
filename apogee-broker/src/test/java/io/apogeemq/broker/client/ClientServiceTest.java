package io.apogeemq.broker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.support.SteppingClock;
import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ClientServiceTest {

  @TempDir Path dir;

  private final SteppingClock clock = new SteppingClock(1_000_000);
  private final List<Channel> notified = new ArrayList<>();
  private final Map<String, Integer> retryTopics = new ConcurrentHashMap<>();
  private ClientService service;
  private SubscriptionGroupRegistry groups;
  private HeartbeatProcessor heartbeat;

  @BeforeEach
  void setUp() {
    groups = new SubscriptionGroupRegistry(dir.resolve("subscriptionGroup.json"), true, clock);
    ConsumerIdsChangeNotifier notifier = new ConsumerIdsChangeNotifier((ch, req) -> {
      assertThat(req.code()).isEqualTo(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
      assertThat(req.isOneway()).isTrue();
      notified.add(ch);
    }, true);
    service = new ClientService(groups, retryTopics::put, notifier, clock, 120_000);
    heartbeat = new HeartbeatProcessor(service.consumers(), service.producers(), groups,
        retryTopics::put, notifier, clock);
  }

  private static RemotingCommand heartbeatRequest(String clientId, String group, String expr) {
    String json = "{\"clientID\":\"" + clientId + "\",\"producerDataSet\":[{\"groupName\":\"pg\"}],"
        + "\"consumerDataSet\":[{\"groupName\":\"" + group + "\",\"consumeType\":"
        + "\"CONSUME_PASSIVELY\",\"messageModel\":\"CLUSTERING\",\"subscriptionDataSet\":[{\"topic\":"
        + "\"T\",\"subString\":\"" + expr + "\",\"subVersion\":1,\"tagsSet\":[],\"codeSet\":[]}]}]}";
    return RemotingCommand.request(RequestCode.HEART_BEAT)
        .body(json.getBytes(StandardCharsets.UTF_8));
  }

  private RemotingCommand beat(Channel ch, String clientId, String group) {
    RemotingCommand req = heartbeatRequest(clientId, group, "*");
    return heartbeat.process(new RequestContext(ch, req, new HookChain()), req);
  }

  @Test
  void heartbeatRegistersTheGroupCreatesItsRetryTopicAndSubscriptionGroup() {
    RemotingCommand response = beat(new EmbeddedChannel(), "c1", "cg");
    assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(retryTopics).containsEntry("%RETRY%cg", 1);
    assertThat(groups.find("cg")).isPresent();
    assertThat(service.consumers().find("cg").orElseThrow().clientIds()).containsExactly("c1");
    assertThat(service.producers().members("pg")).extracting(ClientChannel::clientId)
        .containsExactly("c1");
  }

  @Test
  void aSecondMemberMakesTheBrokerNotifyEveryMember() {
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    beat(a, "a", "cg");
    notified.clear();
    beat(b, "b", "cg");
    assertThat(notified).containsExactlyInAnyOrder(a, b);
    notified.clear();
    beat(a, "a", "cg");
    assertThat(notified).as("a plain refresh changes nothing").isEmpty();
  }

  @Test
  void aClosedConnectionIsDroppedAndTheRestOfTheGroupNotified() {
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    beat(a, "a", "cg");
    beat(b, "b", "cg");
    notified.clear();
    service.channelClosed(a);
    assertThat(service.consumers().find("cg").orElseThrow().clientIds()).containsExactly("b");
    assertThat(service.producers().members("pg")).extracting(ClientChannel::clientId)
        .containsExactly("b");
    assertThat(notified).containsExactly(b);
  }

  @Test
  void clientsSilentForLongerThanTheExpiryAreDroppedClosedAndTheGroupNotified() {
    EmbeddedChannel old = new EmbeddedChannel();
    EmbeddedChannel fresh = new EmbeddedChannel();
    beat(old, "old", "cg");
    clock.advance(60_000);
    beat(fresh, "fresh", "cg");
    clock.advance(60_001);
    notified.clear();

    assertThat(service.scanner().scanOnce()).isEqualTo(2); // consumer and producer membership
    assertThat(old.isOpen()).isFalse();
    assertThat(fresh.isOpen()).isTrue();
    assertThat(service.consumers().find("cg").orElseThrow().clientIds()).containsExactly("fresh");
    assertThat(notified).containsExactly(fresh);
  }

  @Test
  void unregisterRemovesTheClientAndNotifiesTheOthers() {
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    beat(a, "a", "cg");
    beat(b, "b", "cg");
    notified.clear();
    UnregisterClientProcessor p = new UnregisterClientProcessor(service.consumers(),
        service.producers(), new ConsumerIdsChangeNotifier((ch, r) -> notified.add(ch), true));
    RemotingCommand req = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
        .putExtField("clientID", "a").putExtField("consumerGroup", "cg");
    assertThat(p.process(new RequestContext(a, req, new HookChain()), req).code())
        .isEqualTo(ResponseCode.SUCCESS);
    assertThat(service.consumers().find("cg").orElseThrow().clientIds()).containsExactly("b");
    assertThat(notified).containsExactly(b);
  }

  @Test
  void consumerListAnswersTheMembersOrSystemErrorForAnEmptyGroup() {
    beat(new EmbeddedChannel(), "a", "cg");
    beat(new EmbeddedChannel(), "b", "cg");
    ConsumerListProcessor p = new ConsumerListProcessor(service.consumers());
    RemotingCommand req = RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
        .putExtField("consumerGroup", "cg");
    RemotingCommand r = p.process(new RequestContext(new EmbeddedChannel(), req, new HookChain()),
        req);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"consumerIdList\":[\"a\",\"b\"]}");

    RemotingCommand none = RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
        .putExtField("consumerGroup", "nobody");
    assertThatThrownBy(() -> p.process(
        new RequestContext(new EmbeddedChannel(), none, new HookChain()), none))
        .isInstanceOf(CommandException.class)
        .hasMessageContaining("no consumer for this group, nobody")
        .extracting(e -> ((CommandException) e).responseCode())
        .isEqualTo(ResponseCode.SYSTEM_ERROR);
  }

  @Test
  void aMalformedHeartbeatIsRefusedWithARemarkAndChangesNothing() {
    RemotingCommand req = RemotingCommand.request(RequestCode.HEART_BEAT)
        .body("not json".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> heartbeat.process(
        new RequestContext(new EmbeddedChannel(), req, new HookChain()), req))
        .isInstanceOf(CommandException.class).hasMessageContaining("bad heartbeat");
    assertThat(service.consumers().groupNames()).isEmpty();
  }
}
