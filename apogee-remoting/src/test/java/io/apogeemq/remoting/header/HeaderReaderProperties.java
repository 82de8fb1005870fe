package io.apogeemq.remoting.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.remoting.protocol.RemotingCommand;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Typed header values survive extFields; non-numbers are always a named error, never a crash. */
class HeaderReaderProperties {

  @Property(tries = 300)
  void numbersAndBooleansRoundTripThroughExtFields(@ForAll int queueId, @ForAll long offset,
      @ForAll boolean flag) {
    RemotingCommand command = RemotingCommand.request(11).putExtField("queueId", queueId)
        .putExtField("offset", offset).putExtField("flag", flag);
    HeaderReader reader = HeaderReader.of(command);
    assertThat(reader.requireInt("queueId")).isEqualTo(queueId);
    assertThat(reader.requireLong("offset")).isEqualTo(offset);
    assertThat(reader.requireBoolean("flag")).isEqualTo(flag);
  }

  @Property(tries = 300)
  void anyTextThatIsNotALongIsANamedError(@ForAll String text) {
    boolean parses;
    try {
      Long.parseLong(text.trim());
      parses = true;
    } catch (NumberFormatException e) {
      parses = false;
    }
    Assume.that(!parses);
    HeaderReader reader = HeaderReader.of(RemotingCommand.request(30).putExtField("offset", text));
    assertThatThrownBy(() -> reader.requireLong("offset"))
        .isInstanceOf(HeaderFieldException.class)
        .hasMessageContaining("'offset'").hasMessageContaining("request code 30");
  }
}
