package io.apogeemq.cli.admin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The frame of every admin command: resolves the NameServers, opens an {@link AdminSession},
 * runs {@link #execute}, prints its {@link Output} (table or {@code --json}) to the command
 * line's out, and turns failures into one error line and an {@link ExitCode}.
 */
abstract class AdminSubcommand implements Callable<Integer> {

  @Mixin
  AdminOptions options;

  @Spec
  CommandSpec spec;

  /** Does the work; throws to fail (see {@link Failure} for the mapping to exit codes). */
  abstract Output execute(AdminSession session) throws Exception;

  /** Checks options before anything is sent; throws IllegalArgumentException for bad ones. */
  void validate() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> namesrvs = List.of();
    try {
      validate();
      namesrvs = options.namesrvAddresses();
      Output result;
      try (AdminSession session = AdminSession.open(namesrvs, options.timeoutMillis)) {
        result = execute(session);
      }
      result.print(out, options.json);
      return ExitCode.OK;
    } catch (Exception e) {
      return Failure.report(e, namesrvs, options.verbose, err);
    }
  }
}
