package io.apogeemq.cli;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apogee broker -c broker.conf [-n host:port]}: a broker alone. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a broker that registers with the NameServers of namesrvAddr.")
final class BrokerCommand implements Callable<Integer> {

  @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", required = true,
      description = "broker.conf with RocketMQ keys.")
  Path configFile;

  @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "HOST:PORT[;HOST:PORT]",
      description = "NameServer addresses; wins over namesrvAddr in the file.")
  String namesrvAddr;

  @Override
  public Integer call() throws Exception {
    Logger log = LoggerFactory.getLogger(BrokerCommand.class);
    BrokerServer broker;
    try {
      Properties p = ConfigFile.load(configFile);
      if (namesrvAddr != null) {
        p.setProperty("namesrvAddr", namesrvAddr);
      }
      broker = BrokerServer.create(BrokerConfig.fromProperties(p, log::warn), Clock.systemUTC());
    } catch (ConfigException e) {
      System.err.println("apogee broker: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      log.error("Cannot start the broker: {}", e.getMessage());
      return 1;
    }
    try {
      broker.start();
    } catch (IllegalStateException e) {
      log.error("Cannot start the broker: {}", e.getMessage());
      return 1;
    }
    log.info("Apogee broker ready in {} ms since JVM start on {}",
        ProcessLifetime.sinceJvmStart(), broker.endpoint().addr());
    ProcessLifetime.runUntilShutdown(broker);
    return 0;
  }
}
