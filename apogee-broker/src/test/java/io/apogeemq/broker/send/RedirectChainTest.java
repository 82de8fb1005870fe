package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.schedule.DelayLevelRedirect;
import io.apogeemq.broker.schedule.DelayLevels;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.AppendMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RedirectChainTest {

  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 1));

  private final List<SchedulingKeys> seen = new ArrayList<>();

  /** Records the keys it is handed, checks them against a fresh scan, passes the message on. */
  private final MessageRedirect recorder = new MessageRedirect() {
    @Override
    public AppendMessage redirect(AppendMessage m) {
      return redirect(m, SchedulingKeys.of(m.properties()));
    }

    @Override
    public AppendMessage redirect(AppendMessage m, SchedulingKeys keys) {
      assertThat(keys).isEqualTo(SchedulingKeys.of(m.properties()));
      seen.add(keys);
      return m;
    }
  };

  private static AppendMessage message(String topic, Map<String, String> props) {
    return new AppendMessage(topic, 1, 0, new byte[] {1}, MessageProperties.encode(props), 0, 1,
        HOST, HOST, 0, 0, true);
  }

  @Test
  void aPlainMessagePassesEveryRedirectUntouchedWithTheSharedEmptyScan() {
    AppendMessage m = message("Orders", Map.of(PropertyKeys.TAGS, "A"));
    RedirectChain chain = new RedirectChain(List.of(recorder,
        new DelayLevelRedirect(DelayLevels.defaults()), recorder));

    assertThat(chain.apply(m)).isSameAs(m);
    assertThat(seen).containsExactly(SchedulingKeys.NONE, SchedulingKeys.NONE);
  }

  @Test
  void aRedirectAfterOneThatChangedThePropertiesDecidesOnTheNewProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PropertyKeys.TAGS, "A");
    props.put(PropertyKeys.DELAY_TIME_LEVEL, "3");
    MessageRedirect dropDelay = m -> {
      Map<String, String> p = MessageProperties.decode(m.properties());
      p.remove(PropertyKeys.DELAY_TIME_LEVEL);
      return message("%DLQ%g", p);
    };
    RedirectChain chain = new RedirectChain(List.of(recorder, dropDelay, recorder,
        new DelayLevelRedirect(DelayLevels.defaults())));

    AppendMessage out = chain.apply(message("%RETRY%g", props));

    assertThat(out.topic()).as("not parked in the schedule topic").isEqualTo("%DLQ%g");
    assertThat(seen.get(0).delay()).isEqualTo("3");
    assertThat(seen.get(1)).isSameAs(SchedulingKeys.NONE);
  }

  @Test
  void aDelayLevelFoundByTheScanParksTheMessage() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PropertyKeys.DELAY_TIME_LEVEL, "2");
    RedirectChain chain = new RedirectChain(List.of(recorder,
        new DelayLevelRedirect(DelayLevels.defaults()), recorder));

    AppendMessage out = chain.apply(message("Orders", props));

    assertThat(out.topic()).isEqualTo(NameRules.SCHEDULE_TOPIC);
    assertThat(out.queueId()).isEqualTo(1);
    assertThat(MessageProperties.find(out.properties(), PropertyKeys.REAL_TOPIC))
        .isEqualTo("Orders");
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).delay()).isEqualTo("2");
  }
}
