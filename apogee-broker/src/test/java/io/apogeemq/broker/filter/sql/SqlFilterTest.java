package io.apogeemq.broker.filter.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SqlFilterTest {

  /** a=5, b='abc', d='2.5', t='TagA', flag='true', big='3000000000'; x is missing. */
  private static final PropertySource MESSAGE = PropertySource.of(Map.of(
      "a", "5", "b", "abc", "d", "2.5", "TAGS", "TagA", "flag", "true", "big", "3000000000",
      "empty", "", "neg", "-7"));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "a = 5 | true",
      "a = 5L | true",
      "a <> 5 | false",
      "a > 4 | true",
      "a >= 5 | true",
      "a < 5 | false",
      "a <= 5.0 | true",
      "5 < a | false",
      "4 < a | true",
      "a > 4.5 | true",
      "a BETWEEN 1 AND 5 | true",
      "a BETWEEN 6 AND 9 | false",
      "a NOT BETWEEN 6 AND 9 | true",
      "a = '5' | true",
      "b = 'abc' | true",
      "b = 'ABC' | false",
      "b <> 'abc' | false",
      "b IN ('x', 'abc') | true",
      "b NOT IN ('x', 'abc') | false",
      "b NOT IN ('x') | true",
      "b CONTAINS 'bc' | true",
      "b NOT CONTAINS 'bc' | false",
      "b STARTSWITH 'ab' | true",
      "b ENDSWITH 'ab' | false",
      "b NOT ENDSWITH 'ab' | true",
      "TAGS = 'TagA' | true",
      "TAGS IN ('TagA', 'TagB') AND a > 1 | true",
      "x IS NULL | true",
      "x IS NOT NULL | false",
      "a IS NOT NULL | true",
      "empty IS NULL | true",
      "x = 1 | false",
      "x <> 1 | false",
      "NOT (x = 1) | false",
      "NOT x = 1 OR a = 5 | true",
      "x = 1 OR a = 5 | true",
      "x = 1 AND a = 5 | false",
      "NOT (x = 1 AND a = 6) | true",
      "x IN ('a') | false",
      "x NOT IN ('a') | false",
      "x CONTAINS 'a' | false",
      "x NOT CONTAINS 'a' | false",
      "x BETWEEN 1 AND 2 | false",
      "x NOT BETWEEN 1 AND 2 | false",
      "b > 1 | false",
      "NOT b > 1 | false",
      "b > 1 OR a = 5 | false",
      "a = 5 OR b > 1 | true",
      "a = 6 AND b > 1 | false",
      "NOT (a = 6 AND b > 1) | true",
      "x > 1 OR a = 5 | true",
      "d > 2 | false",
      "d > 2.0 | true",
      "d = 2.5 | true",
      "big > 1 | false",
      "big > 1L | false",
      "big > 2147483648 | true",
      "neg < -6 | true",
      "neg = -7 | true",
      "flag = TRUE | true",
      "flag = FALSE | false",
      "b = FALSE | true",
      "TRUE | true",
      "FALSE | false",
      "NOT FALSE | true",
      "a = b | false",
      "a <> b | true",
      "((a = 5)) AND (b = 'abc' OR x = 1) | true",
      "a = 5 and B = 'abc' | false",
      "a = 5 AnD b = 'abc' | true",
      "1 = 1.0 | true",
      "'x' = 'x' | true"
  })
  void selectsExactlyWhenTheExpressionIsTrue(String expression, boolean expected) {
    assertThat(SqlFilter.compile(expression).matches(MESSAGE)).isEqualTo(expected);
  }

  @Test
  void quotesInsideStringsAreDoubled() {
    SqlFilter f = SqlFilter.compile("q = 'it''s'");
    assertThat(f.matches(PropertySource.of(Map.of("q", "it's")))).isTrue();
    assertThat(f.toString()).isEqualTo("q = 'it''s'");
  }

  @Test
  void identifiersMayUseDollarUnderscoreAndDigits() {
    SqlFilter f = SqlFilter.compile("$a_1 = 'v' AND _b2 IS NOT NULL");
    assertThat(f.matches(PropertySource.of(Map.of("$a_1", "v", "_b2", "w")))).isTrue();
  }

  @Test
  void printsACanonicalFullyParenthesisedForm() {
    assertThat(SqlFilter.compile("a=1 or b between -2 and .5 and not c is null").toString())
        .isEqualTo("(a = 1 OR (b BETWEEN -2 AND 0.5 AND (NOT (c IS NULL))))");
  }
}
