package io.apogeemq.broker.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.QueryFixture;
import java.util.concurrent.TimeUnit;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code VIEW_MESSAGE_BY_ID} and {@code QUERY_MESSAGE} answers that only the 5.x wire shows (the
 * error codes and remarks). Finding messages by offset id, unique key and key, with both official
 * client versions, is {@code compat/AdminQueryCompatIT}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QueryMessageCompatIT {

  private static final String TOPIC = "QueryTopic";

  private QueryFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new QueryFixture("query-it", TOPIC);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void viewAtAnOffsetWithoutARecordIsASystemErrorNamingTheOffset() throws Exception {
    fixture.sendWithKeys(1, "x");
    long nonsense = fixture.cluster().broker().store().commitLogMaxOffset() + 12_345;
    String broker = fixture.cluster().broker().endpoint().addr();
    RemotingClient raw = new RemotingClient("query-it", RemotingClientConfig.defaults(), null);
    raw.start();
    try {
      RemotingCommand view = RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
          .putExtField("offset", nonsense).putExtField("topic", TOPIC);
      RemotingCommand r = raw.invokeSync(broker, view, 5_000);

      assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
      assertThat(r.remark()).contains("can not find message by the offset, " + nonsense);

      RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_MESSAGE)
          .putExtField("topic", TOPIC).putExtField("key", "no-such-key")
          .putExtField("maxNum", 32).putExtField("beginTimestamp", 0)
          .putExtField("endTimestamp", Long.MAX_VALUE).putExtField("_UNIQUE_KEY_QUERY", "false");
      RemotingCommand q = raw.invokeSync(broker, query, 5_000);

      assertThat(q.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
      assertThat(q.remark()).contains("no-such-key").contains(TOPIC);
      assertThat(q.extField("indexLastUpdatePhyoffset")).isNotNull();
    } finally {
      raw.shutdown();
    }
  }
}
