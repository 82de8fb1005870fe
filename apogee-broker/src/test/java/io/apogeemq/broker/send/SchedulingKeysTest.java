package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SchedulingKeysTest {

  @Test
  void aPlainMessageGetsTheSharedEmptyInstance() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "AC1100010000");
    props.put(PropertyKeys.TAGS, "TagA");
    props.put(PropertyKeys.KEYS, "DELAY TIMER_DELAY_MS");
    props.put(PropertyKeys.CLUSTER, "DefaultCluster");

    assertThat(SchedulingKeys.of(MessageProperties.encode(props))).isSameAs(SchedulingKeys.NONE);
    assertThat(SchedulingKeys.of("")).isSameAs(SchedulingKeys.NONE);
    assertThat(SchedulingKeys.of(null)).isSameAs(SchedulingKeys.NONE);
  }

  @Test
  void findsEverySchedulingKeyInOnePass() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PropertyKeys.TAGS, "TagA");
    props.put(PropertyKeys.DELAY_TIME_LEVEL, "3");
    props.put(PropertyKeys.TIMER_DELAY_SEC, "10");
    props.put(PropertyKeys.TIMER_DELAY_MS, "1500");
    props.put(PropertyKeys.TIMER_DELIVER_MS, "1763790000000");
    props.put(PropertyKeys.TRANSACTION_PREPARED, "true");
    props.put(PropertyKeys.TIMER_DEL_UNIQKEY, "TopicA+7F00000100002A9F0000000000000001");

    SchedulingKeys keys = SchedulingKeys.of(MessageProperties.encode(props));

    assertThat(keys).isEqualTo(new SchedulingKeys("3", "10", "1500", "1763790000000", "true",
        "TopicA+7F00000100002A9F0000000000000001"));
    assertThat(keys.anyTimer()).isTrue();
  }

  @Test
  void anEmptyValueCountsAsAbsentAndTheFirstPairOfANameWins() {
    SchedulingKeys keys = SchedulingKeys.of("DELAY\u0001\u0002DELAY\u00014\u0002TIMER_DELAY_MS\u00017");

    assertThat(keys.delay()).isNull();
    assertThat(keys.timerDelayMs()).isEqualTo("7");
    assertThat(keys.anyTimer()).isTrue();
  }
}
