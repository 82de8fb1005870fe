package io.apogeemq.broker.pull;

/** The {@code sysFlag} bits of a pull request (codes.md §4.5). */
public final class PullSysFlag {

  /** {@code commitOffset} is valid and should be stored as the group's committed offset. */
  public static final int COMMIT_OFFSET = 0x1;
  /** The broker may hold the request while nothing is available (long polling). */
  public static final int SUSPEND = 0x2;
  /** {@code subscription}/{@code expressionType} of the request are authoritative. */
  public static final int SUBSCRIPTION = 0x4;
  /** Legacy class filter; never set by current clients, ignored. */
  public static final int CLASS_FILTER = 0x8;
  /** Sent by lite-pull consumers. */
  public static final int LITE_PULL = 0x10;

  private PullSysFlag() {}

  public static boolean has(int sysFlag, int bit) {
    return (sysFlag & bit) != 0;
  }
}
