package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendHeaderTest {

  @Test
  void readsTheShortKeysOfV2() {
    RemotingCommand c = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).version(479);
    c.putExtField("a", "pg").putExtField("b", "T").putExtField("c", "TBW102")
        .putExtField("d", 4).putExtField("e", 1).putExtField("f", 0)
        .putExtField("g", 1_700_000_000_000L).putExtField("h", 7)
        .putExtField("i", "WAIT\u0001true\u0002").putExtField("j", 2)
        .putExtField("k", false).putExtField("l", 16).putExtField("m", true)
        .putExtField("n", "broker-a");
    SendHeader h = SendHeader.parse(c);
    assertThat(h).isEqualTo(new SendHeader("pg", "T", "TBW102", 4, 1, 0, 1_700_000_000_000L, 7,
        "WAIT\u0001true\u0002", 2, true, 16, 479));
    assertThat(h.fromV5Client()).isTrue();
  }

  @Test
  void readsTheLongKeysOfV1AndDefaultsOptionalOnes() {
    RemotingCommand c = RemotingCommand.request(RequestCode.SEND_MESSAGE).version(409);
    c.putExtField("producerGroup", "pg").putExtField("topic", "T")
        .putExtField("defaultTopic", "TBW102").putExtField("defaultTopicQueueNums", 4)
        .putExtField("queueId", -1).putExtField("sysFlag", 1)
        .putExtField("bornTimestamp", 5L).putExtField("flag", 0);
    SendHeader h = SendHeader.parse(c);
    assertThat(h.queueId()).isEqualTo(-1);
    assertThat(h.sysFlag()).isEqualTo(1);
    assertThat(h.properties()).isEmpty();
    assertThat(h.batch()).isFalse();
    assertThat(h.maxReconsumeTimes()).isNull();
    assertThat(h.fromV5Client()).isFalse();
  }

  @Test
  void malformedNumberIsRefusedNamingTheField() {
    RemotingCommand c = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2);
    c.putExtField("a", "pg").putExtField("b", "T").putExtField("c", "TBW102")
        .putExtField("d", "four");
    assertThatThrownBy(() -> SendHeader.parse(c)).isInstanceOf(CommandException.class)
        .hasMessageContaining("d");
  }
}
