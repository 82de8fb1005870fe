package io.apogeemq.broker.support;

import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;

/**
 * Requests as the official producer puts them on the wire, for tests that talk to the broker
 * without a client library. Stateless.
 */
public final class WireRequests {

  /** Client version code of the official 5.x client. */
  public static final int V5 = 479;

  private WireRequests() {}

  /**
   * {@code SEND_MESSAGE_V2} (short header field names {@code a}..{@code i}) from producer group
   * {@code pg}, default topic {@code TBW102} with 4 default queues, born now, not a reconsume.
   *
   * @param sysFlag e.g. {@code SysFlag.TRANSACTION_PREPARED_TYPE}, 0 for a plain message
   * @param properties the encoded property string ({@code name\u0001value\u0002} …)
   */
  public static RemotingCommand sendV2(int version, String topic, int queueId, int sysFlag,
      String properties, byte[] body) {
    RemotingCommand c = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2);
    c.version(version);
    c.putExtField("a", "pg");
    c.putExtField("b", topic);
    c.putExtField("c", "TBW102");
    c.putExtField("d", 4);
    c.putExtField("e", queueId);
    c.putExtField("f", sysFlag);
    c.putExtField("g", System.currentTimeMillis());
    c.putExtField("h", 0);
    c.putExtField("i", properties);
    return c.body(body);
  }
}
