package io.apogeemq.broker.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.client.SubscriptionData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TagExpressionTest {

  @Test
  void starEmptyAndNullSelectEverything() {
    assertThat(TagExpression.parse("T", "*", "TAG", 1).matchesAll()).isTrue();
    assertThat(TagExpression.parse("T", " ", null, 1).matchesAll()).isTrue();
    assertThat(TagExpression.parse("T", null, "", 1).matchesAll()).isTrue();
  }

  @Test
  void tagsAreSplitOnDoubleBarsTrimmedAndHashed() {
    SubscriptionData s = TagExpression.parse("T", " A ||B||  || C", "TAG", 7);
    assertThat(s.tags()).containsExactlyInAnyOrder("A", "B", "C");
    assertThat(s.codes()).containsExactlyInAnyOrder((long) "A".hashCode(), (long) "B".hashCode(),
        (long) "C".hashCode());
    assertThat(s.subVersion()).isEqualTo(7);
  }

  @Test
  void sqlAndTaglessExpressionsAreRejected() {
    assertThatThrownBy(() -> TagExpression.parse("T", "a > 1", "SQL92", 1))
        .hasMessageContaining("SQL92");
    assertThatThrownBy(() -> TagExpression.parse("T", "||", "TAG", 1))
        .hasMessageContaining("names no tag");
  }
}
