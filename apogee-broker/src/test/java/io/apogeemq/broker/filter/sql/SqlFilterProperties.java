package io.apogeemq.broker.filter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.apogeemq.broker.filter.sql.SqlExpression.ComparisonOperator;
import io.apogeemq.broker.filter.sql.SqlExpression.TextOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Fuzzing and model checking of the SQL92 filter (jqwik, fixed seeds, bounded tries; jqwik ignores
 * JUnit's {@code @Timeout}, so each try bounds itself with {@code assertTimeoutPreemptively}).
 */
class SqlFilterProperties {

  private static final Duration TRY_LIMIT = Duration.ofSeconds(10);
  static final List<String> NAMES = List.of("a", "b", "c", "_x", "$y", "TAGS");

  @Property(seed = "6092", tries = 1000)
  void arbitraryTextEitherCompilesOrFailsWithASyntaxException(
      @ForAll @StringLength(max = 80) String text) {
    assertTimeoutPreemptively(TRY_LIMIT, () -> compileOrSyntaxError(text));
  }

  @Property(seed = "6093", tries = 1000)
  void tokenSoupEitherCompilesOrFailsWithASyntaxException(@ForAll("tokenSoup") String text,
      @ForAll("messages") Map<String, String> message) {
    assertTimeoutPreemptively(TRY_LIMIT, () -> {
      SqlFilter f = compileOrSyntaxError(text);
      if (f != null) {
        f.matches(PropertySource.of(message));
        assertThat(SqlParser.parse(f.toString())).isEqualTo(f.tree());
      }
    });
  }

  @Property(seed = "6094", tries = 1000)
  void printingThenParsingGivesTheSameTree(@ForAll("expressions") SqlExpression e) {
    assertTimeoutPreemptively(TRY_LIMIT, () ->
        assertThat(SqlParser.parse(SqlPrinter.print(e))).isEqualTo(e));
  }

  @Property(seed = "6095", tries = 500)
  void compiledFilterAgreesWithTheModel(@ForAll("expressions") SqlExpression e,
      @ForAll("messages") Map<String, String> message) {
    assertTimeoutPreemptively(TRY_LIMIT, () -> {
      SqlFilter f = SqlFilter.compile(SqlPrinter.print(e));
      boolean expected = SqlModel.matches(e, message);
      assertThat(f.matches(PropertySource.of(message)))
          .as("%s on %s", f, message).isEqualTo(expected);
      RecordProperties stored = RecordProperties.of(RecordFixtures.record(message, "body"));
      assertThat(f.matches(stored)).as("%s on stored %s", f, message).isEqualTo(expected);
    });
  }

  private static SqlFilter compileOrSyntaxError(String text) {
    try {
      return SqlFilter.compile(text);
    } catch (SqlSyntaxException e) {
      assertThat(e.getMessage()).contains("at position");
      return null;
    }
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("AND", "or", "Not", "BETWEEN", "in", "IS", "NULL", "TRUE", "false",
            "CONTAINS", "startswith", "ENDSWITH", "(", ")", ",", "=", "<>", ">", ">=", "<", "<=",
            "+", "-", "'", "''", ".", "e", "L"),
        Arbitraries.of(NAMES),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(l -> l + "L"),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.strings().ofMaxLength(4).map(s -> "'" + s.replace("'", "''") + "'"));
    return token.list().ofMaxSize(14)
        .flatMap(ts -> Arbitraries.of(" ", "", "\n").list().ofSize(ts.size()).map(seps -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < ts.size(); i++) {
            sb.append(ts.get(i)).append(seps.get(i));
          }
          return sb.toString();
        }));
  }

  @Provide
  public Arbitrary<Map<String, String>> messages() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("", "5", "-3", "0", "2.5", "abc", "true", "TRUE", "false", "3000000000",
            "NaN", "1e3", " 5", "x", "xy", "yx", "-2147483648", "9223372036854775807"),
        Arbitraries.integers().between(-10, 10).map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().between(-10, 10).map(String::valueOf),
        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(3));
    return Arbitraries.maps(Arbitraries.of(NAMES), value).ofMaxSize(NAMES.size());
  }

  @Provide
  public Arbitrary<SqlExpression> expressions() {
    return Arbitraries.recursive(this::predicate, this::combine, 0, 4);
  }

  private Arbitrary<SqlExpression> combine(Arbitrary<SqlExpression> inner) {
    return Arbitraries.oneOf(
        Combinators.combine(inner, inner).as(SqlExpression.And::new),
        Combinators.combine(inner, inner).as(SqlExpression.Or::new),
        inner.map(SqlExpression.Not::new));
  }

  private Arbitrary<SqlExpression> predicate() {
    Arbitrary<SqlOperand> property = Arbitraries.of(NAMES).map(SqlOperand.Property::new);
    Arbitrary<SqlOperand> number = numbers();
    Arbitrary<SqlOperand> string = strings().map(SqlOperand.StringLiteral::new);
    Arbitrary<SqlOperand> any = Arbitraries.oneOf(property, property, number, string,
        Arbitraries.of(true, false).map(SqlOperand.BooleanLiteral::new));
    Arbitrary<SqlOperand> orNull = Arbitraries.oneOf(any,
        Arbitraries.just(new SqlOperand.NullLiteral()));
    Arbitrary<SqlOperand> textual = property;
    Arbitrary<ComparisonOperator> ordering = Arbitraries.of(ComparisonOperator.GT,
        ComparisonOperator.GE, ComparisonOperator.LT, ComparisonOperator.LE);
    Arbitrary<ComparisonOperator> equality = Arbitraries.of(ComparisonOperator.EQ,
        ComparisonOperator.NE);
    Arbitrary<Boolean> negated = Arbitraries.of(true, false);
    return Arbitraries.oneOf(
        Arbitraries.of(true, false).map(SqlExpression.Constant::new),
        Combinators.combine(any, equality, any).as(SqlExpression.Comparison::new),
        Combinators.combine(Arbitraries.oneOf(property, number), ordering, number)
            .as(SqlExpression.Comparison::new),
        Combinators.combine(number, ordering, property).as(SqlExpression.Comparison::new),
        Combinators.combine(Arbitraries.oneOf(property, property, number), number, number,
            negated).as(SqlExpression.Between::new),
        Combinators.combine(textual, strings().list().ofMinSize(1).ofMaxSize(3), negated)
            .as(SqlExpression.In::new),
        Combinators.combine(orNull, negated).as(SqlExpression.IsNull::new),
        Combinators.combine(textual, Arbitraries.of(TextOperator.class), strings(), negated)
            .as(SqlExpression.TextMatch::new));
  }

  private static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "5", "abc", "x", "y", "true", "it's"),
        Arbitraries.strings().ofMaxLength(4));
  }

  private static Arbitrary<SqlOperand> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-10, 10).map(SqlOperand.IntLiteral::new),
        Arbitraries.integers().map(SqlOperand.IntLiteral::new),
        Arbitraries.longs().filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)
            .map(SqlOperand.LongLiteral::new),
        Arbitraries.of(0.0, -0.0, 2.5, -2.5, 1e3, 3.0e9, Double.MIN_VALUE, Double.MAX_VALUE)
            .map(SqlOperand.DoubleLiteral::new),
        Arbitraries.doubles().between(-20, 20).map(SqlOperand.DoubleLiteral::new));
  }
}
