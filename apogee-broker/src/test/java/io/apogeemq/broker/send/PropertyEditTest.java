package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PropertyEditTest {

  @Test
  void appendsToAnEmptyString() {
    assertThat(PropertyEdit.put("", "CLUSTER", "c1")).isEqualTo("CLUSTER\u0001c1\u0002");
  }

  @Test
  void appendsAfterExistingPairsAndRepairsAMissingTrailingSeparator() {
    assertThat(PropertyEdit.put("A\u00011\u0002", "B", "2")).isEqualTo("A\u00011\u0002B\u00012\u0002");
    assertThat(PropertyEdit.put("A\u00011", "B", "2")).isEqualTo("A\u00011\u0002B\u00012\u0002");
  }

  @Test
  void replacesAnExistingValue() {
    String out = PropertyEdit.put("CLUSTER\u0001old\u0002TAGS\u0001t\u0002", "CLUSTER", "new");
    assertThat(MessageProperties.decode(out)).containsEntry("CLUSTER", "new")
        .containsEntry("TAGS", "t").hasSize(2);
  }
}
