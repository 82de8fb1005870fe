package io.apogeemq.namesrv;

import io.apogeemq.namesrv.config.NamesrvConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs an Apogee NameServer until the process is stopped.
 *
 * <pre>
 *   java -cp ... io.apogeemq.namesrv.NamesrvMain [-c namesrv.conf] [-l port] [-b address] [-p]
 * </pre>
 *
 * The config file uses the official NameServer's keys (see docs/namesrv.md); command-line options
 * win over it. Exit code 0 after a normal stop, 2 for bad options or configuration, 1 when the
 * server cannot start (for example the port is taken).
 */
@Command(name = "apogee-namesrv", mixinStandardHelpOptions = true,
    description = "Apogee NameServer: a route registry compatible with Apache RocketMQ clients and brokers.")
public final class NamesrvMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(NamesrvMain.class);

  @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Properties file with NameServer keys.")
  Path configFile;

  @Option(names = {"-l", "--listenPort"}, paramLabel = "PORT", description = "Port to listen on (default 9876).")
  Integer listenPort;

  @Option(names = {"-b", "--bindAddress"}, paramLabel = "ADDR", description = "Address to bind (default 0.0.0.0).")
  String bindAddress;

  @Option(names = {"-p", "--printConfigItem"}, description = "Print the effective configuration and exit.")
  boolean printConfig;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(new CommandLine(new NamesrvMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    NamesrvConfig config;
    try {
      config = loadConfig();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("apogee-namesrv: " + e.getMessage());
      return 2;
    }
    if (printConfig) {
      System.out.print(config.toPropertiesText());
      return 0;
    }
    NamesrvServer server;
    try {
      server = NamesrvServer.create(config, Clock.systemUTC());
    } catch (IOException e) {
      LOG.error("Cannot start the NameServer: {}", e.getMessage());
      return 1;
    }
    try {
      server.start();
    } catch (IllegalStateException e) {
      LOG.error("Cannot start the NameServer: {}", e.getMessage());
      server.close();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "apogee-namesrv-shutdown"));
    System.out.println("Apogee NameServer started on port " + server.port());
    stopped.await();
    return 0;
  }

  NamesrvConfig loadConfig() throws IOException {
    Properties props = new Properties();
    if (configFile != null) {
      try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException e) {
        throw new IOException("cannot read config file " + configFile + ": " + e.getMessage(), e);
      }
    }
    if (listenPort != null) {
      props.setProperty("listenPort", listenPort.toString());
    }
    if (bindAddress != null) {
      props.setProperty("bindAddress", bindAddress);
    }
    return NamesrvConfig.fromProperties(props, LOG::warn);
  }
}
