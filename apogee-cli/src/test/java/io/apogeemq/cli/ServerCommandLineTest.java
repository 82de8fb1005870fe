package io.apogeemq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.cli.admin.ExitCode;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerCommandLineTest {

  @Test
  void serverCommandsGetTheirOwnCommandLineAndOthersTheFullOne() {
    assertThat(Apogee.serverCommandLine("standalone").getCommandName())
        .isEqualTo("apogee standalone");
    assertThat(Apogee.serverCommandLine("broker").getCommandSpec().findOption("-c")).isNotNull();
    assertThat(Apogee.serverCommandLine("namesrv").getCommandSpec().findOption("-p")).isNotNull();
    assertThat(Apogee.serverCommandLine("admin")).isNull();
    assertThat(Apogee.serverCommandLine("bench")).isNull();
  }

  @Test
  void aServerCommandLineRejectsAnUnknownOptionWithTheUsageExitCode() {
    int code = Apogee.serverCommandLine("standalone").setErr(new PrintWriter(
        Writer.nullWriter())).execute("--no-such-option");

    assertThat(code).isEqualTo(ExitCode.USAGE);
  }
}
