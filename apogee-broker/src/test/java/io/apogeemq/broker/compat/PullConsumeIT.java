package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Lite pull and plain pull by the official client, including offset corrections. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PullConsumeIT {

  @TempDir Path dir;
  private ConsumeCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new ConsumeCluster(dir);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static List<String> bodies(List<MessageExt> msgs) {
    List<String> out = new ArrayList<>();
    msgs.forEach(m -> out.add(new String(m.getBody(), StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void aLitePullConsumerAssignsSeeksAndPolls() throws Exception {
    cluster.createTopic("LiteT", 2);
    for (int i = 0; i < 10; i++) {
      cluster.append("LiteT", 1, "T", "lite-" + i);
    }
    DefaultLitePullConsumer c = cluster.configure(new DefaultLitePullConsumer("lite-g"));
    c.setAutoCommit(false);
    try {
      c.start();
      Collection<MessageQueue> mqs = c.fetchMessageQueues("LiteT");
      MessageQueue q1 = mqs.stream().filter(q -> q.getQueueId() == 1).findFirst().orElseThrow();
      c.assign(List.of(q1));
      c.seek(q1, 4);
      List<String> got = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 20_000;
      while (got.size() < 6 && System.currentTimeMillis() < deadline) {
        got.addAll(bodies(c.poll(1_000)));
      }
      assertThat(got).containsExactly("lite-4", "lite-5", "lite-6", "lite-7", "lite-8",
          "lite-9");

      c.seek(q1, 9);
      List<String> again = new ArrayList<>();
      deadline = System.currentTimeMillis() + 20_000;
      while (again.isEmpty() && System.currentTimeMillis() < deadline) {
        again.addAll(bodies(c.poll(1_000)));
      }
      assertThat(again).containsExactly("lite-9");
    } finally {
      c.shutdown();
    }
  }

  @SuppressWarnings("deprecation")
  @Test
  void pullsAtNonsenseOffsetsAreAnsweredWithCorrectedOffsets() throws Exception {
    cluster.createTopic("OddT", 1);
    for (int i = 0; i < 3; i++) {
      cluster.append("OddT", 0, null, "odd-" + i);
    }
    DefaultMQPullConsumer c = cluster.configure(new DefaultMQPullConsumer("odd-g"));
    try {
      c.start();
      MessageQueue mq = c.fetchSubscribeMessageQueues("OddT").iterator().next();

      PullResult beyond = c.pull(mq, "*", 1_000, 32);
      assertThat(beyond.getPullStatus()).isEqualTo(PullStatus.OFFSET_ILLEGAL);
      assertThat(beyond.getNextBeginOffset()).isEqualTo(3);
      assertThat(beyond.getMaxOffset()).isEqualTo(3);

      PullResult atEnd = c.pull(mq, "*", 3, 32);
      assertThat(atEnd.getPullStatus()).isEqualTo(PullStatus.NO_NEW_MSG);
      assertThat(atEnd.getNextBeginOffset()).isEqualTo(3);

      PullResult found = c.pull(mq, "*", 1, 32);
      assertThat(found.getPullStatus()).isEqualTo(PullStatus.FOUND);
      assertThat(bodies(found.getMsgFoundList())).containsExactly("odd-1", "odd-2");
      assertThat(found.getMsgFoundList().get(0).getQueueOffset()).isEqualTo(1);
      assertThat(found.getNextBeginOffset()).isEqualTo(3);

      MessageQueue empty = new MessageQueue("OddT", mq.getBrokerName(), 0);
      cluster.createTopic("EmptyT", 1);
      PullResult nothing = c.pull(new MessageQueue("EmptyT", empty.getBrokerName(), 0), "*", 7,
          32);
      assertThat(nothing.getPullStatus()).isEqualTo(PullStatus.OFFSET_ILLEGAL);
      assertThat(nothing.getNextBeginOffset()).isZero();
    } finally {
      c.shutdown();
    }
  }
}
