package io.apogeemq.broker.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.support.StoreFixture;
import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConsumerOffsetServiceTest {

  @TempDir Path dir;
  private StoreFixture store;
  private ConsumerOffsetService service;

  @BeforeEach
  void setUp() throws Exception {
    store = new StoreFixture(dir.resolve("store"));
    service = new ConsumerOffsetService(
        new ConsumerOffsetFile(dir.resolve("config/consumerOffset.json")), store.store(), 5_000);
    service.load();
  }

  @AfterEach
  void tearDown() {
    service.shutdown();
    store.close();
  }

  private static RequestContext ctx(RemotingCommand r) {
    return new RequestContext(new EmbeddedChannel(), r, new HookChain());
  }

  private static RemotingCommand query(String group, String topic, int queue) {
    return RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
        .putExtField("consumerGroup", group).putExtField("topic", topic)
        .putExtField("queueId", queue);
  }

  private static RemotingCommand update(String group, String topic, int queue, long offset) {
    return RemotingCommand.onewayRequest(RequestCode.UPDATE_CONSUMER_OFFSET)
        .putExtField("consumerGroup", group).putExtField("topic", topic)
        .putExtField("queueId", queue).putExtField("commitOffset", offset);
  }

  @Test
  void aGroupWithoutCommittedOffsetOnAnEmptyQueueGetsQueryNotFound() {
    RemotingCommand q = query("g", "T", 0);
    assertThatThrownBy(() -> service.query(ctx(q), q)).isInstanceOf(CommandException.class)
        .hasMessageContaining("group g").hasMessageContaining("topic T queue 0")
        .extracting(e -> ((CommandException) e).responseCode())
        .isEqualTo(ResponseCode.QUERY_NOT_FOUND);
  }

  @Test
  void aNewGroupOnAYoungQueueStartsAtZeroUnlessTheClientSaysOtherwise() {
    store.append("T", 0, null, "m");
    RemotingCommand q = query("g", "T", 0);
    assertThat(service.query(ctx(q), q).extField("offset")).isEqualTo("0");
    RemotingCommand strict = query("g", "T", 0).putExtField("setZeroIfNotFound", false);
    assertThatThrownBy(() -> service.query(ctx(strict), strict))
        .isInstanceOf(CommandException.class);
  }

  @Test
  void committedOffsetsAreAnsweredAndSurviveARestart() throws Exception {
    RemotingCommand u = update("g", "T", 2, 42);
    assertThat(service.update(ctx(u), u).code()).isEqualTo(ResponseCode.SUCCESS);
    RemotingCommand q = query("g", "T", 2);
    assertThat(service.query(ctx(q), q).extField("offset")).isEqualTo("42");
    service.shutdown();

    ConsumerOffsetService restarted = new ConsumerOffsetService(
        new ConsumerOffsetFile(dir.resolve("config/consumerOffset.json")), store.store(), 5_000);
    restarted.load();
    assertThat(restarted.table().query("g", "T", 2)).hasValue(42);
  }

  @Test
  void negativeOffsetsAreRefusedWithContext() {
    RemotingCommand u = update("g", "T", 0, -5);
    assertThatThrownBy(() -> service.update(ctx(u), u)).isInstanceOf(CommandException.class)
        .hasMessageContaining("-5").hasMessageContaining("group g");
    assertThat(service.table().query("g", "T", 0)).isEmpty();
    RemotingCommand badTopic = update("g", "T\"x", 0, 5);
    assertThatThrownBy(() -> service.update(ctx(badTopic), badTopic))
        .isInstanceOf(CommandException.class).hasMessageContaining("topic name");
    assertThat(service.table().keys()).isEmpty();
  }

  @Test
  void flushWritesOnlyWhenSomethingChanged() throws Exception {
    service.table().commit("g", "T", 0, 1);
    service.flush();
    Path file = dir.resolve("config/consumerOffset.json");
    long modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
    java.nio.file.Files.delete(file);
    service.flush();
    assertThat(file).doesNotExist();
    service.table().commit("g", "T", 0, 2);
    service.flush();
    assertThat(file).exists();
    assertThat(modified).isPositive();
  }
}
