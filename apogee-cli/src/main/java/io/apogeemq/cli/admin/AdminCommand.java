package io.apogeemq.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code apogee admin <command>}: mqadmin's commands, names and option letters, with aligned
 * tables or {@code --json}. Exit codes: see {@link ExitCode}.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Administer a cluster (mqadmin-compatible commands; NameServer from -n or "
        + "$NAMESRV_ADDR).",
    subcommands = {
        UpdateTopicCommand.class, DeleteTopicCommand.class, TopicListCommand.class,
        TopicRouteCommand.class, TopicStatusCommand.class, TopicClusterListCommand.class,
        ClusterListCommand.class, BrokerStatusCommand.class, GetBrokerConfigCommand.class,
        UpdateBrokerConfigCommand.class, ConsumerProgressCommand.class,
        ConsumerConnectionCommand.class, ProducerConnectionCommand.class,
        UpdateSubGroupCommand.class, DeleteSubGroupCommand.class, ResetOffsetByTimeCommand.class,
        QueryMsgByIdCommand.class, QueryMsgByKeyCommand.class, QueryMsgByUniqueKeyCommand.class,
        QueryMsgByOffsetCommand.class, SendMessageCommand.class, ConsumeMessageCommand.class,
        PrintMsgCommand.class, UpdateKvConfigCommand.class, DeleteKvConfigCommand.class,
        ResendDeadLetterCommand.class})
public final class AdminCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** For the launcher: usage errors print the message and the command's usage, exit 2. */
  public static CommandLine.IParameterExceptionHandler usageHandler() {
    return (ex, args) -> {
      CommandLine cl = ex.getCommandLine();
      cl.getErr().println(ex.getMessage());
      cl.getErr().println("Usage: see 'apogee " + String.join(" ", cl.getCommandSpec()
          .qualifiedName().split(" ")).replaceFirst("^apogee ", "") + " --help'");
      return ExitCode.USAGE;
    };
  }
}
