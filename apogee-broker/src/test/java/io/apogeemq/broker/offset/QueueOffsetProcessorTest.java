package io.apogeemq.broker.offset;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.StoreFixture;
import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class QueueOffsetProcessorTest {

  @TempDir Path dir;
  private StoreFixture store;
  private QueueOffsetProcessor processor;

  @BeforeEach
  void setUp() throws Exception {
    store = new StoreFixture(dir);
    processor = new QueueOffsetProcessor(store.store());
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private String ask(int code, String field, String... extra) {
    RemotingCommand r = RemotingCommand.request(code).putExtField("topic", "T")
        .putExtField("queueId", 1);
    for (int i = 0; i < extra.length; i += 2) {
      r.putExtField(extra[i], extra[i + 1]);
    }
    return processor.process(new RequestContext(new EmbeddedChannel(), r, new HookChain()), r)
        .extField(field);
  }

  @Test
  void unknownQueuesAnswerZeroOffsetsAndNoStoreTime() {
    assertThat(ask(RequestCode.GET_MAX_OFFSET, "offset")).isEqualTo("0");
    assertThat(ask(RequestCode.GET_MIN_OFFSET, "offset")).isEqualTo("0");
    assertThat(ask(RequestCode.GET_EARLIEST_MSG_STORETIME, "timestamp")).isEqualTo("-1");
  }

  @Test
  void offsetsAndTimesFollowTheStoredMessages() throws Exception {
    store.append("T", 1, null, "a");
    Thread.sleep(5);
    long middle = System.currentTimeMillis();
    Thread.sleep(5);
    store.append("T", 1, null, "b");
    store.append("T", 1, null, "c");
    assertThat(ask(RequestCode.GET_MAX_OFFSET, "offset")).isEqualTo("3");
    assertThat(ask(RequestCode.GET_MIN_OFFSET, "offset")).isEqualTo("0");
    assertThat(Long.parseLong(ask(RequestCode.GET_EARLIEST_MSG_STORETIME, "timestamp")))
        .isLessThan(middle);
    assertThat(ask(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, "offset", "timestamp",
        Long.toString(middle))).isEqualTo("1");
    assertThat(ask(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, "offset", "timestamp",
        Long.toString(middle), "boundaryType", "upper")).isEqualTo("0");
    assertThat(ask(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, "offset", "timestamp", "0"))
        .isEqualTo("0");
  }
}
