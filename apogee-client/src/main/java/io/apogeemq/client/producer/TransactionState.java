package io.apogeemq.client.producer;

/** Outcome of a local transaction or of a check-back (codes.md §3.5). */
public enum TransactionState {
  /** Deliver the half message. */
  COMMIT(8),
  /** Discard the half message. */
  ROLLBACK(12),
  /** Not known yet: the broker asks again later through the checker. */
  UNKNOWN(0);

  private final int wireValue;

  TransactionState(int wireValue) {
    this.wireValue = wireValue;
  }

  /** The {@code commitOrRollback} value of END_TRANSACTION. */
  int wireValue() {
    return wireValue;
  }
}
