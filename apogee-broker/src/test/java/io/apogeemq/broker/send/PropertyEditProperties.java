package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** Property test (jqwik, fixed seed, bounded tries). */
class PropertyEditProperties {

  @Property(seed = "42", tries = 200)
  void resultDecodesToTheOriginalPropertiesPlusTheNewOne(
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String k1,
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String v1,
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String name,
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String value) {
    Map<String, String> original = new LinkedHashMap<>();
    original.put(k1, v1);
    String out = PropertyEdit.put(MessageProperties.encode(original), name, value);
    Map<String, String> expected = new LinkedHashMap<>(original);
    expected.put(name, value);
    assertThat(MessageProperties.decode(out)).isEqualTo(expected);
  }
}
