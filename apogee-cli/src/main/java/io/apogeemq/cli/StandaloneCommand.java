package io.apogeemq.cli;

import io.apogeemq.broker.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apogee standalone [-c broker.conf]}: NameServer and broker in this JVM. */
@Command(name = "standalone", mixinStandardHelpOptions = true,
    description = "Run a NameServer and a broker in one process (default 127.0.0.1:9876 and "
        + ":10911, data in ./data).")
final class StandaloneCommand implements Callable<Integer> {

  @Option(names = {"-c", "--configFile"}, paramLabel = "FILE",
      description = "broker.conf (RocketMQ keys); the NameServer listens on the port of "
          + "namesrvAddr.")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    Logger log = LoggerFactory.getLogger(StandaloneCommand.class);
    Standalone standalone;
    try {
      standalone = Standalone.start(ConfigFile.load(configFile), log::warn);
    } catch (ConfigException e) {
      System.err.println("apogee standalone: " + e.getMessage());
      return 2;
    } catch (IOException | IllegalStateException e) {
      log.error("Cannot start: {}", e.getMessage());
      return 1;
    }
    var broker = standalone.broker();
    log.info("Apogee standalone ready in {} ms since JVM start: NameServer 127.0.0.1:{}, "
        + "broker {} (cluster {}, data {})", ProcessLifetime.sinceJvmStart(),
        standalone.namesrvPort(), broker.endpoint().addr(),
        broker.config().brokerClusterName(), broker.config().store().storePathRootDir());
    ProcessLifetime.runUntilShutdown(standalone);
    return 0;
  }
}
