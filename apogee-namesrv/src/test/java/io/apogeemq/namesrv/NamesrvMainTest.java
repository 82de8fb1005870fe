package io.apogeemq.namesrv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(20)
class NamesrvMainTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new NamesrvMain()).execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void printsTheEffectiveConfigWithFileAndCommandLineApplied() throws Exception {
    Path conf = dir.resolve("namesrv.conf");
    Files.writeString(conf, "listenPort=1111\norderMessageEnable=true\n");
    Run r = run("-c", conf.toString(), "-l", "2222", "-p");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("listenPort=2222").contains("orderMessageEnable=true");
  }

  @Test
  void badConfigurationExitsWithTwoNamingTheKey() throws Exception {
    Path conf = dir.resolve("namesrv.conf");
    Files.writeString(conf, "scanNotActiveBrokerInterval=soon\n");
    Run r = run("-c", conf.toString(), "-p");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("scanNotActiveBrokerInterval");
    Run missing = run("-c", dir.resolve("none.conf").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("none.conf");
  }

  @Test
  void occupiedPortExitsWithOne() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path conf = dir.resolve("namesrv.conf");
      Files.writeString(conf, "kvConfigPath=" + dir.resolve("kv.json") + "\nconfigStorePath=" + dir.resolve("p") + "\n");
      Run r = run("-c", conf.toString(), "-b", "127.0.0.1", "-l", Integer.toString(taken.getLocalPort()));
      assertThat(r.code()).isEqualTo(1);
    }
  }
}
