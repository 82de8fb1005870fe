package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.SystemTopics;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SendTopicCheckTest {

  @TempDir
  Path dir;

  private TopicConfigRegistry topics;
  private SendTopicCheck check;

  @BeforeEach
  void setUp() throws Exception {
    BrokerConfig config = TestBrokers.config(dir);
    topics = TopicConfigRegistry.open(dir.resolve("config"), Clock.systemUTC());
    topics.putAllIfAbsent(SystemTopics.forBroker(config));
    check = new SendTopicCheck(config, topics);
  }

  private static SendHeader header(String topic, int queueId) {
    return new SendHeader("pg", topic, "TBW102", 4, queueId, 0, 0, 0, "", 0, false, null, 479);
  }

  private static int codeOf(Runnable r) {
    try {
      r.run();
      return ResponseCode.SUCCESS;
    } catch (CommandException e) {
      return e.responseCode();
    }
  }

  @Test
  void autoCreatesAMissingTopicFromTheTemplateWithTheRequestedQueueCount() {
    SendTopicCheck.Target t = check.check(header("Fresh", 3));
    assertThat(t.topic().writeQueueNums()).isEqualTo(4);
    assertThat(t.queueId()).isEqualTo(3);
    assertThat(topics.get("Fresh").perm()).isEqualTo(Perm.READ_WRITE);
  }

  @Test
  void createsAMissingRetryTopicWithOneQueue() {
    assertThat(check.check(header("%RETRY%group-a", 0)).topic().writeQueueNums()).isEqualTo(1);
  }

  @Test
  void refusesToAutoCreateWhenTheBrokerDisabledIt() throws Exception {
    Properties off = new Properties();
    off.setProperty("autoCreateTopicEnable", "false");
    BrokerConfig config = TestBrokers.config(dir, off);
    TopicConfigRegistry empty = TopicConfigRegistry.open(dir.resolve("other"), Clock.systemUTC());
    empty.putAllIfAbsent(SystemTopics.forBroker(config));
    SendTopicCheck strict = new SendTopicCheck(config, empty);
    assertThatThrownBy(() -> strict.check(header("Fresh", 0)))
        .isInstanceOf(CommandException.class).hasMessageContaining("autoCreateTopicEnable=false")
        .satisfies(e -> assertThat(((CommandException) e).responseCode())
            .isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
  }

  @Test
  void refusesWritesToReadOnlyTopics() {
    topics.put(TopicConfig.of("ReadOnly", 2, 2, Perm.READ));
    assertThat(codeOf(() -> check.check(header("ReadOnly", 0))))
        .isEqualTo(ResponseCode.NO_PERMISSION);
  }

  @Test
  void refusesOrderTopicsWhenTheBrokerIsNotWritable() throws Exception {
    Properties ro = new Properties();
    ro.setProperty("brokerPermission", "4");
    SendTopicCheck readOnlyBroker = new SendTopicCheck(TestBrokers.config(dir, ro), topics);
    topics.put(new TopicConfig("Ordered", 2, 2, 6, "SINGLE_TAG", 0, true, Map.of()));
    topics.put(TopicConfig.of("Plain", 2));
    assertThat(codeOf(() -> readOnlyBroker.check(header("Ordered", 0))))
        .isEqualTo(ResponseCode.NO_PERMISSION);
    assertThat(codeOf(() -> readOnlyBroker.check(header("Plain", 0))))
        .isEqualTo(ResponseCode.SUCCESS);
  }

  @Test
  void queueIdMayReachTheLargerOfReadAndWriteCounts() {
    topics.put(TopicConfig.of("Shrinking", 8, 4, Perm.READ_WRITE));
    assertThat(codeOf(() -> check.check(header("Shrinking", 7)))).isEqualTo(ResponseCode.SUCCESS);
    assertThat(codeOf(() -> check.check(header("Shrinking", 8))))
        .isEqualTo(ResponseCode.INVALID_PARAMETER);
  }

  @Test
  void picksAWritableQueueForNegativeIds() {
    topics.put(TopicConfig.of("Pick", 8, 2, Perm.READ_WRITE));
    for (int i = 0; i < 50; i++) {
      assertThat(check.check(header("Pick", -1)).queueId()).isBetween(0, 1);
    }
  }
}
