package io.apogeemq.remoting.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HeaderReaderTest {

  /** A typed header as a module would write it. */
  record QueryOffsetHeader(String group, String topic, int queueId, Boolean setZeroIfNotFound)
      implements CommandHeader {

    static QueryOffsetHeader decode(HeaderReader reader) {
      return new QueryOffsetHeader(reader.requireString("consumerGroup"),
          reader.requireString("topic"), reader.requireInt("queueId"),
          reader.optionalBoolean("setZeroIfNotFound", true));
    }

    @Override
    public void writeTo(RemotingCommand command) {
      command.putExtField("consumerGroup", group).putExtField("topic", topic)
          .putExtField("queueId", queueId).putExtField("setZeroIfNotFound", setZeroIfNotFound);
    }
  }

  @Test
  void typedHeaderRoundTripsThroughExtFields() {
    RemotingCommand command = RemotingCommand.request(14);
    new QueryOffsetHeader("g", "t", 3, false).writeTo(command);
    assertThat(command.extFields()).containsEntry("queueId", "3")
        .containsEntry("setZeroIfNotFound", "false");
    assertThat(QueryOffsetHeader.decode(HeaderReader.of(command)))
        .isEqualTo(new QueryOffsetHeader("g", "t", 3, false));
  }

  @Test
  void missingRequiredFieldNamesTheFieldAndTheRequestCode() {
    RemotingCommand command = RemotingCommand.request(14).putExtField("consumerGroup", "g")
        .putExtField("queueId", "1");
    assertThatThrownBy(() -> QueryOffsetHeader.decode(HeaderReader.of(command)))
        .isInstanceOfSatisfying(HeaderFieldException.class, e -> {
          assertThat(e.responseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
          assertThat(e.field()).isEqualTo("topic");
          assertThat(e.getMessage()).contains("request code 14").contains("'topic'")
              .contains("missing");
        });
  }

  @Test
  void absentExtFieldsReadAsMissingFieldsNotAsNullPointer() {
    assertThatThrownBy(() -> HeaderReader.of(RemotingCommand.request(105)).requireString("topic"))
        .isInstanceOf(HeaderFieldException.class).hasMessageContaining("'topic'");
  }

  @Test
  void malformedNumbersAndBooleansAreClearErrors() {
    RemotingCommand command = RemotingCommand.request(11).putExtField("queueId", "x1")
        .putExtField("offset", "12.5").putExtField("flag", "yes");
    HeaderReader reader = HeaderReader.of(command);
    assertThatThrownBy(() -> reader.requireInt("queueId"))
        .hasMessageContaining("request code 11").hasMessageContaining("'queueId' is not an int");
    assertThatThrownBy(() -> reader.optionalLong("offset", 0))
        .hasMessageContaining("'offset' is not a long: '12.5'");
    assertThatThrownBy(() -> reader.requireBoolean("flag"))
        .hasMessageContaining("'flag' is not a boolean");
  }

  @Test
  void optionalFieldsFallBackToDefaultsAndParseWhenPresent() {
    RemotingCommand command = RemotingCommand.request(11).putExtField("maxMsgNums", "32")
        .putExtField("commitOffset", "-1").putExtField("unitMode", "TRUE");
    HeaderReader reader = HeaderReader.of(command);
    assertThat(reader.optionalInt("maxMsgNums", 1)).isEqualTo(32);
    assertThat(reader.optionalInt("sysFlag", 7)).isEqualTo(7);
    assertThat(reader.optionalInteger("sysFlag")).isNull();
    assertThat(reader.optionalLongValue("commitOffset")).isEqualTo(-1L);
    assertThat(reader.requireLong("commitOffset")).isEqualTo(-1L);
    assertThat(reader.optionalBoolean("unitMode", false)).isTrue();
    assertThat(reader.optionalString("subscription")).isNull();
  }
}
