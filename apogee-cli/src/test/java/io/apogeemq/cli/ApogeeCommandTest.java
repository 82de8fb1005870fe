package io.apogeemq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApogeeCommandTest {

  @TempDir
  Path dir;

  @Test
  void badConfigValueExitsWithTwoWithoutStartingAnything() throws Exception {
    Path conf = dir.resolve("broker.conf");
    Files.writeString(conf, "listenPort=ten\nstorePathRootDir=" + dir.resolve("data") + "\n");
    assertThat(new CommandLine(new Apogee()).execute("standalone", "-c", conf.toString()))
        .isEqualTo(2);
    assertThat(new CommandLine(new Apogee()).execute("broker", "-c", conf.toString()))
        .isEqualTo(2);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void missingConfigFileExitsWithOne() {
    assertThat(new CommandLine(new Apogee()).execute("broker", "-c",
        dir.resolve("nope.conf").toString())).isEqualTo(1);
  }

  @Test
  void brokerRequiresAConfigFile() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Apogee()).setErr(new PrintWriter(err));
    assertThat(cl.execute("broker")).isEqualTo(2);
    assertThat(err.toString()).contains("--configFile");
  }

  @Test
  void standaloneDefaultsAreLoopbackNameServerPortAndLocalDataDirectory() {
    var p = Standalone.withDefaults(new java.util.Properties());
    assertThat(p.getProperty("namesrvAddr")).isEqualTo("127.0.0.1:9876");
    assertThat(p.getProperty("brokerIP1")).isEqualTo("127.0.0.1");
    assertThat(Path.of(p.getProperty("storePathRootDir")).getFileName().toString())
        .isEqualTo("data");
  }
}
