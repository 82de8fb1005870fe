package io.apogeemq.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.admin.NotFoundException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AdminRenderingTest {

  @Test
  void tableColumnsArePaddedToTheWidestCellWithTwoSpaces() {
    StringWriter s = new StringWriter();
    Table.of("Topic", "QID").row("LongTopicName", 1).row("T", 12).print(new PrintWriter(s));
    assertThat(s.toString().lines()).containsExactly(
        "#Topic         #QID",
        "LongTopicName  1",
        "T              12");
  }

  @Test
  void aRowWithTheWrongNumberOfCellsIsRefused() {
    assertThatThrownBy(() -> Table.of("A", "B").row("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonOutputWritesRecordsWithTheirComponentNames() {
    record Q(String brokerName, int queueId) {}
    StringWriter s = new StringWriter();
    Output.table(List.of(new Q("b", 3)), Table.of("x")).print(new PrintWriter(s), true);
    assertThat(s.toString()).contains("\"brokerName\" : \"b\"").contains("\"queueId\" : 3");
  }

  @Test
  void failuresMapToDocumentedExitCodes() {
    List<String> ns = List.of("127.0.0.1:9876");
    assertThat(Failure.classify(new NotFoundException("topic 'T' does not exist"), ns))
        .isEqualTo(new Failure.Verdict(ExitCode.NOT_FOUND, "topic 'T' does not exist"));
    assertThat(Failure.classify(new BrokerException(ResponseCode.NO_PERMISSION, "no", "b:1",
        "create topic"), ns).code()).isEqualTo(ExitCode.REFUSED);
    assertThat(Failure.classify(new BrokerException(ResponseCode.TOPIC_NOT_EXIST, "no", "b:1",
        "stats"), ns).code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(Failure.classify(new IllegalArgumentException("bad"), ns).code())
        .isEqualTo(ExitCode.USAGE);
    assertThat(Failure.classify(new ClientException("boom"), ns).code())
        .isEqualTo(ExitCode.FAILED);
  }

  @Test
  void timesAreNowEpochMillisOrMqadminsFormat() {
    assertThat(Times.parse("1700000000000")).isEqualTo(1_700_000_000_000L);
    assertThat(Times.parse("2024-01-02#03:04:05:006")).isPositive();
    assertThat(Times.parse("now")).isCloseTo(System.currentTimeMillis(),
        org.assertj.core.data.Offset.offset(60_000L));
    assertThatThrownBy(() -> Times.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
    assertThat(Times.format(0)).isEqualTo("-");
  }
}
