package io.apogeemq.cli.admin;

import io.apogeemq.client.BrokerException;
import io.apogeemq.client.admin.NotFoundException;
import io.apogeemq.client.admin.UnreachableException;
import io.apogeemq.remoting.exception.RemotingConnectException;
import io.apogeemq.remoting.exception.RemotingTimeoutException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.PrintWriter;
import java.util.List;

/**
 * Turns an exception into one error line and an {@link ExitCode}; the stack trace only with
 * {@code --verbose}. Stateless.
 */
final class Failure {

  private Failure() {}

  /** Prints the error line to {@code err} and returns the exit code. */
  static int report(Throwable e, List<String> namesrvs, boolean verbose, PrintWriter err) {
    Verdict v = classify(e, namesrvs);
    err.println(v.line());
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return v.code();
  }

  record Verdict(int code, String line) {}

  static Verdict classify(Throwable e, List<String> namesrvs) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnreachableException u) {
        String role = namesrvs.contains(u.peer()) ? "NameServer " : "broker ";
        return new Verdict(ExitCode.UNREACHABLE, "cannot reach " + role + u.peer() + ": "
            + u.reason());
      }
      if (t instanceof RemotingConnectException || t instanceof RemotingTimeoutException) {
        return new Verdict(ExitCode.UNREACHABLE, t.getMessage());
      }
      if (t instanceof NotFoundException) {
        return new Verdict(ExitCode.NOT_FOUND, t.getMessage());
      }
      if (t instanceof BrokerException b) {
        int code = switch (b.code()) {
          case ResponseCode.TOPIC_NOT_EXIST, ResponseCode.QUERY_NOT_FOUND,
              ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, ResponseCode.CONSUMER_NOT_ONLINE ->
              ExitCode.NOT_FOUND;
          default -> ExitCode.REFUSED;
        };
        return new Verdict(code, b.getMessage());
      }
      if (t instanceof IllegalArgumentException) {
        return new Verdict(ExitCode.USAGE, t.getMessage());
      }
    }
    String m = e.getMessage();
    return new Verdict(ExitCode.FAILED, m == null ? e.toString() : m);
  }
}
