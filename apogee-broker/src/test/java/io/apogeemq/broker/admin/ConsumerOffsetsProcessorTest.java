package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.ConsumerOffsetSerializeWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsumerOffsetsProcessorTest {

  @Test
  void everyCommittedOffsetDecodesWithTheOfficialWrapper() {
    ConsumerOffsetTable table = new ConsumerOffsetTable();
    table.commit("g1", "T1", 0, 5);
    table.commit("g1", "T1", 3, 7);
    table.commit("g2", "T2", 1, 42);

    RemotingCommand r = new ConsumerOffsetsProcessor(table)
        .process(null, RemotingCommand.request(RequestCode.GET_ALL_CONSUMER_OFFSET));

    assertThat(r.code()).isEqualTo(ResponseCode.SUCCESS);
    ConsumerOffsetSerializeWrapper w =
        RemotingSerializable.decode(r.body(), ConsumerOffsetSerializeWrapper.class);
    assertThat(w.getOffsetTable()).containsOnlyKeys("T1@g1", "T2@g2");
    assertThat(w.getOffsetTable().get("T1@g1")).containsEntry(0, 5L).containsEntry(3, 7L);
    assertThat(w.getOffsetTable().get("T2@g2")).containsEntry(1, 42L);
  }

  @Test
  void anEmptyTableIsAnEmptyOffsetTable() {
    RemotingCommand r = new ConsumerOffsetsProcessor(new ConsumerOffsetTable())
        .process(null, RemotingCommand.request(RequestCode.GET_ALL_CONSUMER_OFFSET));

    assertThat(RemotingSerializable.decode(r.body(), ConsumerOffsetSerializeWrapper.class)
        .getOffsetTable()).isEmpty();
  }
}
