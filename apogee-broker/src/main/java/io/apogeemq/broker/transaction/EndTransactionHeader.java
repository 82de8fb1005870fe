package io.apogeemq.broker.transaction;

import io.apogeemq.common.message.SysFlag;
import io.apogeemq.remoting.header.HeaderFieldException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;

/**
 * The header of {@code END_TRANSACTION} (codes.md §3.5).
 *
 * @param producerGroup group of the producer ending the transaction
 * @param tranStateTableOffset half-queue offset of the half message the producer refers to
 * @param commitLogOffset CommitLog offset of that half message
 * @param commitOrRollback {@code 0} unknown, {@code 8} commit, {@code 12} rollback
 * @param fromTransactionCheck true when answering {@code CHECK_TRANSACTION_STATE}
 * @param msgId the message's {@code UNIQ_KEY}
 * @param transactionId the transaction id, or null
 */
record EndTransactionHeader(String producerGroup, long tranStateTableOffset, long commitLogOffset,
    int commitOrRollback, boolean fromTransactionCheck, String msgId, String transactionId) {

  /**
   * Parses and checks the header.
   *
   * @throws HeaderFieldException (SYSTEM_ERROR naming the field) for a missing or malformed field
   *     or a {@code commitOrRollback} other than 0, 8, 12
   */
  static EndTransactionHeader parse(RemotingCommand request) {
    HeaderReader r = HeaderReader.of(request);
    String group = r.requireString("producerGroup");
    long tranStateTableOffset = r.requireLong("tranStateTableOffset");
    long commitLogOffset = r.requireLong("commitLogOffset");
    int type = r.requireInt("commitOrRollback");
    if (type != SysFlag.TRANSACTION_NOT_TYPE && type != SysFlag.TRANSACTION_COMMIT_TYPE
        && type != SysFlag.TRANSACTION_ROLLBACK_TYPE) {
      throw new HeaderFieldException(request.code(), "commitOrRollback",
          "is " + type + ", expected 0 (unknown), 8 (commit) or 12 (rollback)");
    }
    boolean fromCheck = r.optionalBoolean("fromTransactionCheck", false);
    String msgId = r.requireString("msgId");
    return new EndTransactionHeader(group, tranStateTableOffset, commitLogOffset, type, fromCheck,
        msgId, r.optionalString("transactionId"));
  }

  boolean commit() {
    return commitOrRollback == SysFlag.TRANSACTION_COMMIT_TYPE;
  }

  boolean rollback() {
    return commitOrRollback == SysFlag.TRANSACTION_ROLLBACK_TYPE;
  }
}
