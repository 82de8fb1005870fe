package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.admin.TopicAdminProcessor.TopicAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TopicAttributesTest {

  @Test
  void plusItemsAddOrReplaceAndMinusItemsRemove() {
    Map<String, String> out = TopicAttributes.apply(
        Map.of("message.type", "FIFO", "queue.type", "BatchCQ"),
        "+message.type=NORMAL,-queue.type,+cleanup.policy=DELETE");

    assertThat(out).containsOnly(Map.entry("message.type", "NORMAL"),
        Map.entry("cleanup.policy", "DELETE"));
  }

  @Test
  void noSpecOrAnEmptySpecKeepsTheExistingAttributes() {
    assertThat(TopicAttributes.apply(Map.of("a", "1"), null)).containsOnly(Map.entry("a", "1"));
    assertThat(TopicAttributes.apply(Map.of("a", "1"), "")).containsOnly(Map.entry("a", "1"));
  }

  @Test
  void itemsWithoutASignOrWithoutAValueAreRejectedNamingTheItem() {
    assertThatThrownBy(() -> TopicAttributes.apply(Map.of(), "message.type=NORMAL"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message.type=NORMAL");
    assertThatThrownBy(() -> TopicAttributes.apply(Map.of(), "+novalue"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("+novalue");
  }
}
