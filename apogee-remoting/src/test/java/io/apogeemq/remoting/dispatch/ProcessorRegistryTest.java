package io.apogeemq.remoting.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.protocol.RemotingCommand;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProcessorRegistryTest {

  private final RequestProcessor first = (context, request) -> RemotingCommand.response(0, "1");
  private final RequestProcessor second = (context, request) -> RemotingCommand.response(0, "2");
  private final RequestProcessor fallback = (context, request) -> RemotingCommand.response(0, "d");

  @Test
  void unregisteredCodesFindNothingUntilADefaultIsRegistered() {
    ProcessorRegistry registry = new ProcessorRegistry();
    assertThat(registry.lookup(105)).isNull();
    registry.registerDefault(fallback, null);
    assertThat(registry.lookup(105).processor()).isSameAs(fallback);
  }

  @Test
  void registeringACodeAgainReplacesItsProcessorAndExecutor() {
    ProcessorRegistry registry = new ProcessorRegistry();
    Executor executor = Runnable::run;
    registry.register(105, first, null);
    registry.register(200050, second, executor);
    registry.register(105, second, executor);
    assertThat(registry.lookup(105).processor()).isSameAs(second);
    assertThat(registry.lookup(105).executor()).isSameAs(executor);
    assertThat(registry.lookup(200050).processor()).isSameAs(second);
  }
}
