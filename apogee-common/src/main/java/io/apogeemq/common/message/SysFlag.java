package io.apogeemq.common.message;

/**
 * The {@code SYSFLAG} bits of a message record (messages.md §3).
 *
 * <p>Pure functions over an {@code int}; no state.
 */
public final class SysFlag {

  public static final int COMPRESSED = 0x1;
  public static final int MULTI_TAGS = 0x2;
  public static final int TRANSACTION_MASK = 0xC;
  public static final int TRANSACTION_NOT_TYPE = 0x0;
  public static final int TRANSACTION_PREPARED_TYPE = 0x4;
  public static final int TRANSACTION_COMMIT_TYPE = 0x8;
  public static final int TRANSACTION_ROLLBACK_TYPE = 0xC;
  public static final int BORN_HOST_V6 = 0x10;
  public static final int STORE_HOST_V6 = 0x20;
  public static final int NEED_UNWRAP = 0x40;
  public static final int INNER_BATCH = 0x80;
  public static final int COMPRESSION_TYPE_MASK = 0x700;

  private SysFlag() {}

  /** The transaction type bits ({@code 0x0}, {@code 0x4}, {@code 0x8} or {@code 0xC}). */
  public static int transactionType(int sysFlag) {
    return sysFlag & TRANSACTION_MASK;
  }

  /** True when a record of this type gets a consume-queue entry (not-transactional or commit). */
  public static boolean isDispatchedToConsumeQueue(int sysFlag) {
    int type = transactionType(sysFlag);
    return type == TRANSACTION_NOT_TYPE || type == TRANSACTION_COMMIT_TYPE;
  }

  /** Byte width of the born host field: 8 for IPv4, 20 for IPv6. */
  public static int bornHostLength(int sysFlag) {
    return (sysFlag & BORN_HOST_V6) == 0 ? 8 : 20;
  }

  /** Byte width of the store host field: 8 for IPv4, 20 for IPv6. */
  public static int storeHostLength(int sysFlag) {
    return (sysFlag & STORE_HOST_V6) == 0 ? 8 : 20;
  }

  /** Returns {@code sysFlag} with the two host bits set from the actual address families. */
  public static int withHostBits(int sysFlag, MessageHost bornHost, MessageHost storeHost) {
    int f = sysFlag & ~(BORN_HOST_V6 | STORE_HOST_V6);
    if (bornHost.isIpv6()) {
      f |= BORN_HOST_V6;
    }
    if (storeHost.isIpv6()) {
      f |= STORE_HOST_V6;
    }
    return f;
  }
}
