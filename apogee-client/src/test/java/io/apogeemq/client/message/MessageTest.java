package io.apogeemq.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MessageTest {

  @Test
  void builderKeepsEveryValue() {
    Message m = Message.builder("orders").tags("created").keys("k1", "k2").property("a", "1")
        .delayLevel(2).shardingKey("c-9").flag(3).waitStoreOk(false).body("hi").build();
    assertThat(m.topic()).isEqualTo("orders");
    assertThat(m.tags()).isEqualTo("created");
    assertThat(m.keys()).containsExactly("k1", "k2");
    assertThat(m.properties()).containsEntry("a", "1");
    assertThat(m.delayLevel()).isEqualTo(2);
    assertThat(m.shardingKey()).isEqualTo("c-9");
    assertThat(m.flag()).isEqualTo(3);
    assertThat(m.waitStoreOk()).isFalse();
    assertThat(m.toBuilder().build().properties()).isEqualTo(m.properties());
  }

  @Test
  void refusesBadInputWithAReason() {
    assertThatThrownBy(() -> Message.builder("bad topic!").body("x").build())
        .hasMessageContaining("bad topic!");
    assertThatThrownBy(() -> Message.builder("t").build()).hasMessageContaining("no body");
    assertThatThrownBy(() -> Message.builder("t").property("TAGS", "x").body("x").build())
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> Message.builder("t").property("a", "x\u0001y").body("x").build())
        .hasMessageContaining("separator");
    assertThatThrownBy(() -> Message.builder("t").delayLevel(2)
        .deliveryTime(Instant.now()).body("x").build()).hasMessageContaining("choose one");
    assertThatThrownBy(() -> Message.builder("SCHEDULE_TOPIC_XXXX").body("x").build())
        .hasMessageContaining("SCHEDULE_TOPIC_XXXX");
    assertThatThrownBy(() -> Message.builder("t").keys("a b").body("x").build())
        .hasMessageContaining("space");
  }

  @Test
  void propertiesAreUnmodifiable() {
    Message m = Message.builder("t").property("a", "1").body("x").build();
    assertThatThrownBy(() -> m.properties().put("b", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
