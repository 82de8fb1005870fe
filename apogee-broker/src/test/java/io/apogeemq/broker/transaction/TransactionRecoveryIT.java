package io.apogeemq.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.broker.support.WireRequests;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.OffsetMessageId;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.TagFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart safety when the progress file is lost (a crash before it was written): ended
 * transactions are recovered from the op records, so only the pending one is checked and, with no
 * producer answering, discarded — the committed one is neither committed again nor discarded.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TransactionRecoveryIT {

  @TempDir Path dir;

  private BrokerServer start(String checkMax) throws Exception {
    Properties p = new Properties();
    p.setProperty("transactionCheckInterval", "200");
    p.setProperty("transactionTimeOut", "0");
    p.setProperty("transactionCheckMax", checkMax);
    BrokerServer b = BrokerServer.create(TestBrokers.config(dir.resolve("store"), p),
        Clock.systemUTC());
    b.start();
    return b;
  }

  private static RemotingCommand half(String body) {
    return WireRequests.sendV2(WireRequests.V5, "TxRec", 0, SysFlag.TRANSACTION_PREPARED_TYPE,
        "TRAN_MSG\u0001true\u0002PGROUP\u0001pg\u0002UNIQ_KEY\u0001" + body + "\u0002",
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> bodies(BrokerServer b, String topic) {
    var store = b.store();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> store.dispatchedOffset() >= store.commitLogMaxOffset());
    List<String> out = new ArrayList<>();
    try (GetResult r = store.getMessages(topic, 0, 0, 1000, 64 << 20, TagFilter.ALL)) {
      if (r.status() == GetStatus.FOUND) {
        r.messages().forEach(s -> out.add(new String(
            MessageRecordCodec.decode(s.buffer().duplicate(), true).body(),
            StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  @Test
  void endedTransactionsAreRecoveredFromOpRecordsWhenTheProgressFileIsLost() throws Exception {
    RemotingClient client = new RemotingClient("tx-recovery", RemotingClientConfig.defaults(),
        null);
    client.start();
    try {
      BrokerServer broker = start("1000");
      try {
        broker.topics().put(TopicConfig.of("TxRec", 1));
        String addr = broker.endpoint().addr();
        RemotingCommand sent = client.invokeSync(addr, half("committed"), 10_000);
        assertThat(sent.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(client.invokeSync(addr, half("pending"), 10_000).code())
            .isEqualTo(ResponseCode.SUCCESS);
        RemotingCommand end = RemotingCommand.request(RequestCode.END_TRANSACTION);
        end.putExtField("producerGroup", "pg");
        end.putExtField("tranStateTableOffset", sent.extField("queueOffset"));
        end.putExtField("commitLogOffset",
            OffsetMessageId.decode(sent.extField("msgId")).commitLogOffset());
        end.putExtField("commitOrRollback", SysFlag.TRANSACTION_COMMIT_TYPE);
        end.putExtField("msgId", "committed");
        assertThat(client.invokeSync(addr, end, 10_000).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(broker, "TxRec")).containsExactly("committed");
      } finally {
        broker.close();
      }
      Path progress = dir.resolve("store/config/" + TransactionCheckpoint.FILE_NAME);
      assertThat(progress).exists();
      Files.delete(progress);

      BrokerServer restarted = start("2");
      try {
        await().atMost(Duration.ofSeconds(30)).until(() ->
            bodies(restarted, NameRules.TRANS_CHECK_MAX_TIME_TOPIC).contains("pending"));
        Thread.sleep(1000);
        assertThat(bodies(restarted, NameRules.TRANS_CHECK_MAX_TIME_TOPIC))
            .containsExactly("pending");
        assertThat(bodies(restarted, "TxRec")).containsExactly("committed");
      } finally {
        restarted.close();
      }
      assertThat(progress).exists();
    } finally {
      client.shutdown();
    }
  }
}
