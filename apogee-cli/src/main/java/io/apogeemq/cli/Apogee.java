package io.apogeemq.cli;

import io.apogeemq.cli.bench.BenchCommand;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code apogee} command.
 *
 * <pre>
 *   apogee standalone [-c broker.conf]
 *   apogee namesrv [-c namesrv.conf] [-p port]
 *   apogee broker -c broker.conf [-n host:port]
 *   apogee admin &lt;command&gt; [-n host:port] [options] [--json]
 *   apogee bench producer|consumer|e2e [-n host:port] [options]
 * </pre>
 *
 * Exit codes of the servers: 0 after a normal stop, 2 for bad options or configuration (the
 * message names the key), 1 when a server cannot start (port taken, store unreadable). Exit codes
 * of {@code admin}: see {@link io.apogeemq.cli.admin.ExitCode}; of {@code bench}: see
 * {@link BenchCommand}.
 */
@Command(name = "apogee", mixinStandardHelpOptions = true, version = "Apogee 0.1.0-SNAPSHOT",
    description = "A RocketMQ-compatible message queue.",
    subcommands = {StandaloneCommand.class, NamesrvCommand.class, BrokerCommand.class,
        io.apogeemq.cli.admin.AdminCommand.class, BenchCommand.class})
public final class Apogee implements Runnable {

  /** Logback configuration of {@code admin}: silent unless asked (results own stdout). */
  static final String ADMIN_LOGBACK_CONFIG = "apogee-admin-logback.xml";

  public static void main(String[] args) {
    // Before any logger exists: other jars on the class path carry their own logback.xml.
    boolean admin = args.length > 0 && args[0].equals("admin");
    if (admin) {
      System.setProperty("logback.configurationFile", ADMIN_LOGBACK_CONFIG);
    } else if (System.getProperty("logback.configurationFile") == null) {
      // console + rolling file, configured in code (ServerLogConfigurator): no XML parsing at start
      System.setProperty(ServerLogConfigurator.SWITCH, ServerLogConfigurator.ON);
    }
    CommandLine server = args.length > 0 ? serverCommandLine(args[0]) : null;
    if (server != null) {
      System.exit(server.execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line of one server command ({@code standalone}, {@code namesrv}, {@code broker})
   * alone, or null for any other name. Building picocli's model of every command (dozens of admin
   * and bench commands) costs a server a noticeable part of its start-up, so a server builds only
   * its own; options, help and errors are the same.
   */
  static CommandLine serverCommandLine(String name) {
    Object command = switch (name) {
      case "standalone" -> new StandaloneCommand();
      case "namesrv" -> new NamesrvCommand();
      case "broker" -> new BrokerCommand();
      default -> null;
    };
    if (command == null) {
      return null;
    }
    return new CommandLine(command).setCommandName("apogee " + name)
        .setParameterExceptionHandler(io.apogeemq.cli.admin.AdminCommand.usageHandler());
  }

  /** The command line with the admin's usage-error handling (exit code 2, one message). */
  public static CommandLine commandLine() {
    return new CommandLine(new Apogee())
        .setParameterExceptionHandler(io.apogeemq.cli.admin.AdminCommand.usageHandler());
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
