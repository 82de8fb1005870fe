package io.apogeemq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.rocketmq.remoting.protocol.filter.FilterAPI;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SubscriptionTest {

  @Test
  void parsesTagsAndCodesLikeTheOfficialFilterApi() throws Exception {
    Subscription mine = Subscription.of("t", " TagA || TagB ||TagC", 1);
    SubscriptionData official = FilterAPI.buildSubscriptionData("t", " TagA || TagB ||TagC");
    assertThat(mine.tags()).containsExactlyInAnyOrderElementsOf(official.getTagsSet());
    assertThat(mine.codes()).containsExactlyInAnyOrderElementsOf(official.getCodeSet());
    assertThat(mine.matches("TagB")).isTrue();
    assertThat(mine.matches("TagD")).isFalse();
    assertThat(mine.matches(null)).isFalse();
  }

  @Test
  void starAndBlankMatchEverything() {
    assertThat(Subscription.of("t", "*", 1).matches(null)).isTrue();
    assertThat(Subscription.of("t", "", 1).all()).isTrue();
    assertThat(Subscription.of("t", null, 1).expression()).isEqualTo("*");
  }

  @Test
  void anExpressionWithoutTagsIsRefused() {
    assertThatThrownBy(() -> Subscription.of("t", "||", 1)).hasMessageContaining("names no tag");
  }
}
