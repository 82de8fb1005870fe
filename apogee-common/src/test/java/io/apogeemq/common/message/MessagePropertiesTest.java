package io.apogeemq.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.AfterFailureMode;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class MessagePropertiesTest {

  @Test
  void encodesPairsWithSeparatorsAndSkipsNullValues() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("k", "v");
    m.put("skip", null);
    m.put("TAGS", "TagA");
    assertThat(MessageProperties.encode(m)).isEqualTo("k\u0001v\u0002TAGS\u0001TagA\u0002");
  }

  @Test
  void dropsEmptyNamesAndValuesLikeTheOfficialDecoder() {
    String s = "a\u0001\u0002\u0001b\u0002ok\u0001yes\u0002junk\u0002";
    assertThat(MessageProperties.decode(s)).containsExactly(Map.entry("ok", "yes"));
    assertThat(MessageProperties.decode(s)).isEqualTo(MessageDecoder.string2messageProperties(s));
  }

  @Test
  void refusesSeparatorCharactersInsteadOfCorruptingTheString() {
    assertThatThrownBy(() -> MessageProperties.encode(Map.of("k", "a\u0002b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
  }

  @Test
  void findsOnePropertyWithoutMatchingSuffixesOfOtherNames() {
    String s = "XTAGS\u0001no\u0002TAGS\u0001yes\u0002EMPTY\u0001\u0002";
    assertThat(MessageProperties.find(s, "TAGS")).isEqualTo("yes");
    assertThat(MessageProperties.find(s, "EMPTY")).isNull();
    assertThat(MessageProperties.find(s, "NONE")).isNull();
  }

  @Property(tries = 300, afterFailure = AfterFailureMode.RANDOM_SEED)
  void agreesWithTheOfficialCodecBothWays(@ForAll("maps") Map<String, String> m) {
    String ours = MessageProperties.encode(m);
    assertThat(MessageDecoder.string2messageProperties(ours)).isEqualTo(m);
    String official = MessageDecoder.messageProperties2String(new HashMap<>(m));
    assertThat(MessageProperties.decode(official)).isEqualTo(m);
    for (Map.Entry<String, String> e : m.entrySet()) {
      assertThat(MessageProperties.find(ours, e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Provide
  Arbitrary<Map<String, String>> maps() {
    return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(12)
                .excludeChars('\u0001', '\u0002'),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(40).excludeChars('\u0001', '\u0002'))
        .ofMaxSize(8);
  }
}
