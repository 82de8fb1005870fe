package io.apogeemq.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.topic.DataVersion;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicTable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RegisterBrokerBodyTest {

  @Test
  void officialClassesDecodeTheBodyWithEveryTopicAndTheDataVersion() throws Exception {
    TopicTable table = new TopicTable(new DataVersion(1_700_000_000_123L, 42), Map.of(
        "TopicA", TopicConfig.of("TopicA", 4),
        "TBW102", TopicConfig.of("TBW102", 8, 8, Perm.READ_WRITE | Perm.INHERIT),
        "Attr", new TopicConfig("Attr", 2, 3, Perm.WRITE, "SINGLE_TAG", 0, true,
            Map.of("+message.type", "FIFO"))));

    RegisterBrokerBody official = RegisterBrokerBody.decode(
        io.apogeemq.broker.registry.RegisterBrokerBody.encode(table), false,
        MQVersion.Version.V5_3_3);

    var wrapper = official.getTopicConfigSerializeWrapper();
    assertThat(wrapper.getDataVersion().getCounter().get()).isEqualTo(42);
    assertThat(wrapper.getDataVersion().getTimestamp()).isEqualTo(1_700_000_000_123L);
    assertThat(wrapper.getTopicConfigTable()).containsOnlyKeys("TopicA", "TBW102", "Attr");
    var tbw = wrapper.getTopicConfigTable().get("TBW102");
    assertThat(tbw.getPerm()).isEqualTo(7);
    assertThat(tbw.getWriteQueueNums()).isEqualTo(8);
    var attr = wrapper.getTopicConfigTable().get("Attr");
    assertThat(attr.getReadQueueNums()).isEqualTo(2);
    assertThat(attr.getWriteQueueNums()).isEqualTo(3);
    assertThat(attr.isOrder()).isTrue();
    assertThat(attr.getAttributes()).containsEntry("+message.type", "FIFO");
    assertThat(official.getFilterServerList()).isEmpty();
  }
}
