package io.apogeemq.remoting.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.dispatch.HookChain;
import io.apogeemq.remoting.exception.RemotingTimeoutException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChannelInvokerTest {

  private final PendingRequests pending = new PendingRequests();
  private final ChannelInvoker invoker = new ChannelInvoker(pending, new HookChain(), 10, 10);

  @Test
  void responseIsMatchedByOpaqueOnlyOnTheChannelTheRequestWentOut() {
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    CompletableFuture<RemotingCommand> call = invoker.invokeAsync(a,
        RemotingCommand.request(11), 5_000);
    RemotingCommand sent = a.readOutbound();
    RemotingCommand response = RemotingCommand.response(0, "ok").opaque(sent.opaque());
    invoker.onResponse(b, response);
    assertThat(call).isNotDone();
    invoker.onResponse(a, response);
    assertThat(call.join().remark()).isEqualTo("ok");
    assertThat(pending.size()).isZero();
  }

  @Test
  void everyRequestGetsAFreshOpaqueAndClearedResponseBit() {
    EmbeddedChannel channel = new EmbeddedChannel();
    invoker.invokeAsync(channel, RemotingCommand.request(11).opaque(7).markResponse(), 5_000);
    invoker.invokeAsync(channel, RemotingCommand.request(11).opaque(7), 5_000);
    RemotingCommand first = channel.readOutbound();
    RemotingCommand second = channel.readOutbound();
    assertThat(first.opaque()).isNotEqualTo(second.opaque());
    assertThat(first.isResponse()).isFalse();
  }

  @Test
  void lateResponseAfterTimeoutIsDropped() throws Exception {
    EmbeddedChannel channel = new EmbeddedChannel();
    CompletableFuture<RemotingCommand> call = invoker.invokeAsync(channel,
        RemotingCommand.request(11), 10);
    RemotingCommand sent = channel.readOutbound();
    Thread.sleep(30);
    channel.runPendingTasks();
    channel.runScheduledPendingTasks();
    assertThat(call).isCompletedExceptionally();
    assertThat(call.handle((r, e) -> e.getClass()).get(1, TimeUnit.SECONDS))
        .isEqualTo(RemotingTimeoutException.class);
    invoker.onResponse(channel, RemotingCommand.response(0, "late").opaque(sent.opaque()));
    assertThat(pending.size()).isZero();
  }

  @Test
  void closingTheChannelFailsItsWaitingRequests() {
    EmbeddedChannel channel = new EmbeddedChannel();
    CompletableFuture<RemotingCommand> call = invoker.invokeAsync(channel,
        RemotingCommand.request(11), 5_000);
    pending.failChannel(channel);
    assertThat(call).isCompletedExceptionally();
    assertThat(pending.size()).isZero();
  }
}
