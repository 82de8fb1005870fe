package io.apogeemq.cli;

import io.apogeemq.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code apogee} command.
 *
 * <pre>
 *   apogee standalone [-c broker.conf]
 *   apogee namesrv [-c namesrv.conf] [-p port]
 *   apogee broker -c broker.conf [-n host:port]
 *   apogee bench producer|consumer|e2e [-n host:port] [options]
 * </pre>
 *
 * Exit codes: 0 after a normal stop, 2 for bad options or configuration (the message names the
 * key), 1 when a server cannot start (port taken, store unreadable).
 */
@Command(name = "apogee", mixinStandardHelpOptions = true, version = "Apogee 0.1.0-SNAPSHOT",
    description = "A RocketMQ-compatible message queue.",
    subcommands = {StandaloneCommand.class, NamesrvCommand.class, BrokerCommand.class,
        BenchCommand.class})
public final class Apogee implements Runnable {

  /** Logback configuration of the command (console + rolling file), unless one is given. */
  static final String LOGBACK_CONFIG = "apogee-logback.xml";

  public static void main(String[] args) {
    // Before any logger exists: other jars on the class path carry their own logback.xml.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    System.exit(new CommandLine(new Apogee()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
