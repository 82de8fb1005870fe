package io.apogeemq.remoting.protocol;

/**
 * Values of the {@code version} field: the ordinal of the sender's RocketMQ release. Clients read
 * the version of a heartbeat response as "the broker version", so Apogee never sends 0.
 */
public final class RemotingVersion {

  private RemotingVersion() {}

  /** RocketMQ 4.9.4: from here on the NameServer sends standard JSON routes. */
  public static final int V4_9_4 = 401;
  /** RocketMQ 4.9.8. */
  public static final int V4_9_8 = 409;
  /** RocketMQ 5.0.0. */
  public static final int V5_0_0 = 413;
  /** RocketMQ 5.3.3. */
  public static final int V5_3_3 = 479;
  /** The version Apogee puts in every command it creates. */
  public static final int CURRENT = V5_3_3;
}
