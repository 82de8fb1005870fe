package io.apogeemq.cli.admin;

/**
 * Exit codes of {@code apogee admin} (documented in docs/operations.md; scripts rely on them).
 */
public final class ExitCode {

  /** The command did what was asked. */
  public static final int OK = 0;
  /** Unexpected failure (a bug or an I/O error on this side); the message says what. */
  public static final int FAILED = 1;
  /** Bad option or argument: nothing was sent. */
  public static final int USAGE = 2;
  /** A NameServer or broker could not be reached or did not answer in time. */
  public static final int UNREACHABLE = 3;
  /** The topic, group, cluster or message does not exist. */
  public static final int NOT_FOUND = 4;
  /** A server answered with an error (refused the request). */
  public static final int REFUSED = 5;

  private ExitCode() {}
}
