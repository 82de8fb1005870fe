package io.apogeemq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import io.apogeemq.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerLogConfiguratorTest {

  private final LoggerContext ctx = newContext();
  private Path dir;

  private static LoggerContext newContext() {
    LoggerContext c = new LoggerContext();
    c.setMDCAdapter(new LogbackMDCAdapter()); // as Logback's SLF4J provider does
    return c;
  }

  @AfterEach
  void cleanUp() throws Exception {
    ctx.stop();
    System.clearProperty(ServerLogConfigurator.SWITCH);
    System.clearProperty("apogee.log.dir");
    if (dir != null) {
      TempDirs.delete(dir);
    }
  }

  @Test
  void withoutTheSwitchLeavesConfigurationToLogbacksUsualConfigurators() {
    ServerLogConfigurator c = new ServerLogConfigurator();
    c.setContext(ctx);

    assertThat(c.configure(ctx)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(ctx.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).isExhausted();
  }

  @Test
  void withTheSwitchLogsToConsoleAndRollingFileInTheLogDirAtInfoWithNettyAtWarn()
      throws Exception {
    dir = TempDirs.create("server-log");
    System.setProperty(ServerLogConfigurator.SWITCH, ServerLogConfigurator.ON);
    System.setProperty("apogee.log.dir", dir.toString());
    ServerLogConfigurator c = new ServerLogConfigurator();
    c.setContext(ctx);

    assertThat(c.configure(ctx)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(ctx.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("CONSOLE")).isNotNull();
    RollingFileAppender<?> file = (RollingFileAppender<?>) root.getAppender("FILE");
    assertThat(file.isStarted()).isTrue();
    assertThat(file.getFile()).isEqualTo(dir + "/apogee.log");

    ctx.getLogger("io.apogeemq.test").info("hello from the test");
    ctx.getLogger("io.netty.test").info("not logged: below WARN");
    file.stop();
    String logged = Files.readString(dir.resolve("apogee.log"));
    assertThat(logged).contains("INFO  [main] io.apogeemq.test - hello from the test")
        .doesNotContain("not logged");
  }
}
