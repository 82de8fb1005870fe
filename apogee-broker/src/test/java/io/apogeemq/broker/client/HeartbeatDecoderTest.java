package io.apogeemq.broker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.remoting.protocol.filter.FilterAPI;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.heartbeat.ProducerData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HeartbeatDecoderTest {

  @Test
  void decodesTheBodyTheOfficialClientEncodes() throws Exception {
    org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData official =
        new org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData();
    official.setClientID("10.0.0.1@42#123");
    ProducerData pd = new ProducerData();
    pd.setGroupName("pg");
    official.getProducerDataSet().add(pd);
    org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData cd =
        new org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData();
    cd.setGroupName("cg1");
    cd.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
    cd.setMessageModel(MessageModel.BROADCASTING);
    cd.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    cd.getSubscriptionDataSet().add(FilterAPI.buildSubscriptionData("TopicTest", "TagA || TagB"));
    official.getConsumerDataSet().add(cd);

    HeartbeatData decoded = HeartbeatDecoder.decode(official.encode());

    assertThat(decoded.clientId()).isEqualTo("10.0.0.1@42#123");
    assertThat(decoded.producerGroups()).containsExactly("pg");
    assertThat(decoded.consumers()).hasSize(1);
    ConsumerData c = decoded.consumers().get(0);
    assertThat(c.group()).isEqualTo("cg1");
    assertThat(c.consumeType()).isEqualTo("CONSUME_PASSIVELY");
    assertThat(c.broadcasting()).isTrue();
    assertThat(c.consumeFromWhere()).isEqualTo("CONSUME_FROM_FIRST_OFFSET");
    SubscriptionData s = c.subscriptions().get(0);
    assertThat(s.topic()).isEqualTo("TopicTest");
    assertThat(s.expression()).isEqualTo("TagA || TagB");
    assertThat(s.tags()).containsExactlyInAnyOrder("TagA", "TagB");
    assertThat(s.codes()).containsExactlyInAnyOrder((long) "TagA".hashCode(),
        (long) "TagB".hashCode());
    assertThat(s.subVersion()).isPositive();
    assertThat(s.matchesAll()).isFalse();
  }

  @Test
  void readsTheSpecExampleIgnoringUnknownMembers() {
    String json = """
        {"clientID":"192.168.0.2@12345#1","consumerDataSet":[{"consumeFromWhere":
        "CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"cg1",
        "messageModel":"CLUSTERING","subscriptionDataSet":[{"classFilterMode":false,"codeSet":[],
        "expressionType":"TAG","subString":"*","subVersion":17,"tagsSet":[],"topic":"%RETRY%cg1"}],
        "unitMode":false}],"heartbeatFingerprint":0,"producerDataSet":[{"groupName":
        "CLIENT_INNER_PRODUCER"}],"withoutSub":false}""";
    HeartbeatData hb = HeartbeatDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(hb.producerGroups()).containsExactly("CLIENT_INNER_PRODUCER");
    SubscriptionData s = hb.consumers().get(0).subscriptions().get(0);
    assertThat(s.matchesAll()).isTrue();
    assertThat(s.subVersion()).isEqualTo(17);
    assertThat(s.codes()).isEqualTo(Set.of());
  }

  @Test
  void rejectsBodiesThatAreNotHeartbeatsNamingTheProblem() {
    assertThatThrownBy(() -> HeartbeatDecoder.decode(null))
        .hasMessageContaining("without body");
    assertThatThrownBy(() -> HeartbeatDecoder.decode("{oops".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> HeartbeatDecoder.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no clientID");
    assertThatThrownBy(() -> HeartbeatDecoder.decode(
        "{\"clientID\":\"c\",\"consumerDataSet\":[{}]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("consumer without groupName");
    assertThatThrownBy(() -> HeartbeatDecoder.decode(
        "{\"clientID\":\"c\",\"consumerDataSet\":[{\"groupName\":\"bad group!\"}]}"
            .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("heartbeat of c").hasMessageContaining("group name");
  }
}
