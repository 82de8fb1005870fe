package io.apogeemq.broker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.support.SteppingClock;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.store.AppendMessage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RetryTopicRedirectTest {

  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 1));

  @TempDir Path dir;
  private final SteppingClock clock = new SteppingClock(1_000);
  private final Set<String> orderlyGroups = new HashSet<>();
  private TopicConfigRegistry topics;
  private SubscriptionGroupRegistry groups;
  private RetryTopicRedirect redirect;

  @BeforeEach
  void setUp() throws Exception {
    topics = TopicConfigRegistry.open(dir.resolve("config"), clock);
    groups = new SubscriptionGroupRegistry(dir.resolve("config/subscriptionGroup.json"), true,
        clock);
    redirect = new RetryTopicRedirect(groups, new RetryTopics(topics), orderlyGroups::contains);
  }

  private static AppendMessage toRetry(String topic, int reconsumeTimes, Integer max) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "U1");
    props.put(PropertyKeys.DELAY_TIME_LEVEL, "5");
    if (max != null) {
      props.put(PropertyKeys.MAX_RECONSUME_TIMES, max.toString());
    }
    return new AppendMessage(topic, 0, 0, new byte[] {1}, MessageProperties.encode(props), 0, 1,
        HOST, HOST, reconsumeTimes, 0, true);
  }

  @Test
  void messagesToOrdinaryTopicsPassUntouched() {
    AppendMessage m = toRetry("Orders", 99, 1);
    assertThat(redirect.redirect(m)).isSameAs(m);
  }

  @Test
  void aRetryWithinTheLimitPassesOnToTheDelayLevels() {
    AppendMessage m = toRetry("%RETRY%cg", 16, 16);
    assertThat(redirect.redirect(m)).isSameAs(m);
  }

  @Test
  void aRetryBeyondTheRequestsMaxGoesToTheDeadLetterQueueWithoutDelay() {
    AppendMessage out = redirect.redirect(toRetry("%RETRY%cg", 4, 3));

    assertThat(out.topic()).isEqualTo("%DLQ%cg");
    assertThat(out.queueId()).isZero();
    assertThat(out.reconsumeTimes()).isEqualTo(4);
    assertThat(MessageProperties.decode(out.properties()))
        .doesNotContainKey(PropertyKeys.DELAY_TIME_LEVEL)
        .containsEntry(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "U1");
    TopicConfig dlq = topics.get("%DLQ%cg");
    assertThat(dlq).isNotNull();
    assertThat(dlq.perm()).isEqualTo(Perm.READ_WRITE);
    assertThat(dlq.writeQueueNums()).isEqualTo(1);
  }

  @Test
  void withoutARequestMaxTheGroupsRetryMaxTimesApplies() {
    groups.update(new SubscriptionGroupConfig("cg", true, true, true, 1, 2, 0, 1, true));
    assertThat(redirect.redirect(toRetry("%RETRY%cg", 2, null)).topic()).isEqualTo("%RETRY%cg");
    assertThat(redirect.redirect(toRetry("%RETRY%cg", 3, null)).topic()).isEqualTo("%DLQ%cg");
  }

  @Test
  void anOrderlyGroupsRetryMessageGoesToTheDeadLetterQueueAtOnce() {
    orderlyGroups.add("cg");
    assertThat(redirect.redirect(toRetry("%RETRY%cg", 1, 16)).topic()).isEqualTo("%DLQ%cg");
  }
}
