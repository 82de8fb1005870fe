package io.apogeemq.cli;

import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apogee namesrv [-c namesrv.conf] [-p port]}: a NameServer alone. */
@Command(name = "namesrv", mixinStandardHelpOptions = true,
    description = "Run a NameServer (default port 9876).")
final class NamesrvCommand implements Callable<Integer> {

  @Option(names = {"-c", "--configFile"}, paramLabel = "FILE",
      description = "namesrv.conf with RocketMQ NameServer keys.")
  Path configFile;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT",
      description = "Port to listen on; wins over listenPort in the file.")
  Integer port;

  @Override
  public Integer call() throws Exception {
    Logger log = LoggerFactory.getLogger(NamesrvCommand.class);
    NamesrvServer server;
    try {
      Properties p = ConfigFile.load(configFile);
      if (port != null) {
        p.setProperty("listenPort", port.toString());
      }
      server = NamesrvServer.create(NamesrvConfig.fromProperties(p, log::warn),
          Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      System.err.println("apogee namesrv: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      log.error("Cannot start the NameServer: {}", e.getMessage());
      return 1;
    }
    try {
      server.start();
    } catch (IllegalStateException e) {
      log.error("Cannot start the NameServer: {}", e.getMessage());
      return 1;
    }
    log.info("Apogee NameServer ready in {} ms since JVM start on port {}",
        ProcessLifetime.sinceJvmStart(), server.port());
    ProcessLifetime.runUntilShutdown(server);
    return 0;
  }
}
