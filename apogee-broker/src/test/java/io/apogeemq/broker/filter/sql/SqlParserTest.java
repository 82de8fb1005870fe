package io.apogeemq.broker.filter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.filter.sql.SqlOperand.IntLiteral;
import io.apogeemq.broker.filter.sql.SqlOperand.LongLiteral;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SqlParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "a > 'x'                 | only numbers are ordered",
      "a BETWEEN 'a' AND 'b'   | BETWEEN needs numeric bounds",
      "a IN (1, 2)             | IN takes string literals only",
      "a CONTAINS 1            | CONTAINS takes string literals only",
      "a > b                   | one side must be a numeric literal",
      "a > TRUE                | only numbers are ordered",
      "a =                     | expected a property or a value but found end of expression",
      "a = 1 AND               | expected a property or a value",
      "(a = 1                  | expected ')' closing the '(' at position 0",
      "a = 'x                  | unterminated string literal",
      "a = 1 b = 2             | expected AND, OR or the end of the expression",
      "a                       | expected a comparison after property a",
      "a IS 1                  | expected NULL after IS",
      "a NOT = 1               | expected BETWEEN, IN, CONTAINS, STARTSWITH or ENDSWITH after NOT",
      "a = 99999999999999999999 | out of the 64-bit range",
      "a = 1e999               | out of the double range",
      "a = 1.2.3               | malformed number",
      "a = 12abc               | malformed number",
      "a = 1e                  | exponent without digits",
      "a # 1                   | unexpected character '#'",
      "and = 1                 | expected a property or a value but found 'and'",
      "a IN ()                 | IN takes string literals only",
      "a = -'x'                | expected a number after a sign",
      "a = NULL                | NULL cannot be compared",
      "'a' IN ('a')            | IN tests a property",
      "'ab' CONTAINS 'a'       | CONTAINS tests a property",
  })
  void rejectsWithAReadableMessage(String expression, String message) {
    assertThatThrownBy(() -> SqlParser.parse(expression))
        .isInstanceOf(SqlSyntaxException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsEmptyAndBlank() {
    assertThatThrownBy(() -> SqlParser.parse("")).isInstanceOf(SqlSyntaxException.class);
    assertThatThrownBy(() -> SqlParser.parse("   ")).isInstanceOf(SqlSyntaxException.class);
    assertThatThrownBy(() -> SqlParser.parse(null)).isInstanceOf(SqlSyntaxException.class);
  }

  @Test
  void reportsThePositionOfTheProblem() {
    assertThatThrownBy(() -> SqlParser.parse("a = 1 AND b > 'x'"))
        .isInstanceOfSatisfying(SqlSyntaxException.class,
            e -> assertThat(e.position()).isEqualTo(14));
  }

  @Test
  void limitsNestingInsteadOfOverflowingTheStack() {
    String deep = "(".repeat(5000) + "a = 1" + ")".repeat(5000);
    assertThatThrownBy(() -> SqlParser.parse(deep)).isInstanceOf(SqlSyntaxException.class)
        .hasMessageContaining("nested deeper than");
    String nots = "NOT ".repeat(5000) + "a = 1";
    assertThatThrownBy(() -> SqlParser.parse(nots)).isInstanceOf(SqlSyntaxException.class);
    assertThat(SqlParser.parse("(".repeat(50) + "a = 1" + ")".repeat(50))).isNotNull();
  }

  @Test
  void integerLiteralsAreIntWhenTheyFitAndLongOtherwise() {
    assertThat(((SqlExpression.Comparison) SqlParser.parse("a = 2147483647")).right())
        .isEqualTo(new IntLiteral(Integer.MAX_VALUE));
    assertThat(((SqlExpression.Comparison) SqlParser.parse("a = -2147483648")).right())
        .isEqualTo(new IntLiteral(Integer.MIN_VALUE));
    assertThat(((SqlExpression.Comparison) SqlParser.parse("a = 2147483648")).right())
        .isEqualTo(new LongLiteral(2147483648L));
    assertThat(((SqlExpression.Comparison) SqlParser.parse("a = -9223372036854775808")).right())
        .isEqualTo(new LongLiteral(Long.MIN_VALUE));
    assertThat(((SqlExpression.Comparison) SqlParser.parse("a = 7L")).right())
        .isEqualTo(new IntLiteral(7));
  }

  @Test
  void keywordsAreCaseInsensitiveAndPropertiesCaseSensitive() {
    assertThat(SqlParser.parse("A is not null aNd b NoT bEtWeEn 1 AnD 2"))
        .isEqualTo(SqlParser.parse("A IS NOT NULL AND b NOT BETWEEN 1 AND 2"));
    assertThat(SqlParser.parse("A = 1")).isNotEqualTo(SqlParser.parse("a = 1"));
  }
}
