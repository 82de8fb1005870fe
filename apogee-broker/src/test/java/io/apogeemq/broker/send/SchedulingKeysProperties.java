package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property test (jqwik, fixed seed, bounded tries): the one-pass scan finds exactly what
 * {@link MessageProperties#find} finds for each key, on strings built from the scheduling names,
 * look-alike names, separators and values in any order (duplicates, empty values, names that are
 * prefixes of others, missing separators).
 */
class SchedulingKeysProperties {

  private static final List<String> PIECES = List.of(PropertyKeys.DELAY_TIME_LEVEL,
      PropertyKeys.TIMER_DELAY_SEC, PropertyKeys.TIMER_DELAY_MS, PropertyKeys.TIMER_DELIVER_MS,
      PropertyKeys.TRANSACTION_PREPARED, "TIMER_DELAY", "XDELAY", "DELAYX", "UNIQ_KEY", "3", "true",
      "", "\u0001", "\u0002", "\u0001\u0002");

  @Property(seed = "20261122", tries = 2000)
  void findsWhatFindFindsForEveryKey(@ForAll("encoded") String encoded) {
    SchedulingKeys keys = SchedulingKeys.of(encoded);
    assertThat(keys.delay()).isEqualTo(find(encoded, PropertyKeys.DELAY_TIME_LEVEL));
    assertThat(keys.timerDelaySec()).isEqualTo(find(encoded, PropertyKeys.TIMER_DELAY_SEC));
    assertThat(keys.timerDelayMs()).isEqualTo(find(encoded, PropertyKeys.TIMER_DELAY_MS));
    assertThat(keys.timerDeliverMs()).isEqualTo(find(encoded, PropertyKeys.TIMER_DELIVER_MS));
    assertThat(keys.transactionPrepared())
        .isEqualTo(find(encoded, PropertyKeys.TRANSACTION_PREPARED));
  }

  @Provide
  Arbitrary<String> encoded() {
    return Arbitraries.of(PIECES).list().ofMaxSize(12)
        .map(parts -> String.join("", parts));
  }

  private static String find(String encoded, String name) {
    return MessageProperties.find(encoded, name);
  }
}
